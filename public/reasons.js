// Shows the reasons that fit the chosen score ("What went wrong?" below data-high-from, "What went
// well?" from it) and clears the ticks of the list that no longer applies.
for (const box of document.querySelectorAll('[data-high-from]')) {
  const form = box.closest('form');
  const highFrom = Number(box.getAttribute('data-high-from'));
  const show = (score) => {
    const side = score >= highFrom ? 'high' : 'low';
    for (const set of box.querySelectorAll('[data-side]')) {
      const mine = set.getAttribute('data-side') === side;
      set.hidden = !mine;
      if (!mine) for (const input of set.querySelectorAll('input')) input.checked = false;
    }
  };
  form?.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.name === 'score') show(Number(e.target.value));
  });
}
