// The trace page's waterfall: click a span to see its details; collapse and expand subtrees.
import { hiddenRows } from './waterfall';

const rows = Array.from(document.querySelectorAll<HTMLElement>('.waterfall .row[data-span-id]'));
const details = Array.from(document.querySelectorAll<HTMLElement>('.span-detail'));

function select(row: HTMLElement): void {
  const id = row.dataset.spanId;
  rows.forEach((other) => other.classList.toggle('selected', other === row));
  details.forEach((detail) => {
    detail.hidden = detail.dataset.spanId !== id;
  });
}

function applyCollapse(): void {
  const hidden = hiddenRows(
    rows.map((row) => ({ depth: Number(row.dataset.depth), collapsed: row.classList.contains('collapsed') })),
  );
  rows.forEach((row, i) => {
    row.hidden = hidden[i];
  });
}

rows.forEach((row) => {
  row.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('button.toggle')) {
      row.classList.toggle('collapsed');
      const toggle = row.querySelector('button.toggle');
      if (toggle) toggle.textContent = row.classList.contains('collapsed') ? '▸' : '▾';
      applyCollapse();
      return;
    }
    select(row);
  });
});
