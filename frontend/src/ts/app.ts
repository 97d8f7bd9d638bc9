import '../css/app.css';
// Shared by every page: the trace-ID box in the header accepts an ID in any common form.
import { normaliseTraceId } from './trace-id';

document.querySelectorAll<HTMLFormElement>('form.trace-id-box').forEach((form) => {
  form.addEventListener('submit', (event) => {
    const input = form.querySelector<HTMLInputElement>('input[name="id"]');
    if (!input) return;
    const id = normaliseTraceId(input.value);
    if (id) {
      event.preventDefault();
      window.location.assign(`/traces/${id}`);
    }
  });
});
