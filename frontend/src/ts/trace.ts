// The trace page's waterfall: click a span to see its details; collapse and expand subtrees.
const rows = Array.from(document.querySelectorAll<HTMLElement>('.waterfall .row[data-span-id]'));
const details = Array.from(document.querySelectorAll<HTMLElement>('.span-detail'));

function select(row: HTMLElement): void {
  const id = row.dataset.spanId;
  rows.forEach((other) => other.classList.toggle('selected', other === row));
  details.forEach((detail) => {
    detail.hidden = detail.dataset.spanId !== id;
  });
}

/** Hides every row below a collapsed row, in one pass over the depth-first order. */
function applyCollapse(): void {
  let hiddenBelow = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const depth = Number(row.dataset.depth);
    if (depth <= hiddenBelow) {
      hiddenBelow = Number.POSITIVE_INFINITY;
      row.hidden = false;
      if (row.classList.contains('collapsed')) hiddenBelow = depth;
    } else {
      row.hidden = true;
    }
  }
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
