// Copy buttons on staff pages: <button data-copy="#id"> copies that field's value to the clipboard.
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const source = document.querySelector(button.getAttribute('data-copy'));
  if (!source) return;
  const details = source.closest('details');
  if (details) details.open = true;
  const text = 'value' in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard (plain http, or refused): select the text so the person can copy it themselves.
    if ('select' in source) source.select();
  }
});
