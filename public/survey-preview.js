// Live preview on Settings → Survey: posts the wording form to each preview frame (phone and
// desktop width) shortly after the admin stops typing, and once when the page opens.
const form = document.getElementById('wording-form');
if (form) {
  const url = form.getAttribute('data-preview-url');
  const refresh = () => {
    const action = form.action;
    const target = form.target;
    for (const frame of document.querySelectorAll('iframe[name^="preview-"]')) {
      form.action = url;
      form.target = frame.name;
      form.submit();
    }
    form.action = action;
    form.target = target;
  };
  let timer = 0;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  refresh();
}
