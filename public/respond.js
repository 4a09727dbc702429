// Fires "heard:seen" at each element with data-seen-ms once the page has been in view for that many
// milliseconds in total; time in a background tab does not count. The survey page's status region
// listens for it (hx-trigger) to confirm the clicked score only after a person has looked at it.
for (const el of document.querySelectorAll('[data-seen-ms]')) {
  let remaining = Number(el.getAttribute('data-seen-ms')) || 0;
  let startedAt = null;
  let timer = 0;

  const fire = () => {
    document.removeEventListener('visibilitychange', onVisibility);
    el.dispatchEvent(new CustomEvent('heard:seen'));
  };
  const start = () => {
    if (startedAt !== null || document.visibilityState !== 'visible') return;
    startedAt = Date.now();
    timer = setTimeout(fire, remaining);
  };
  const pause = () => {
    if (startedAt === null) return;
    clearTimeout(timer);
    remaining -= Date.now() - startedAt;
    startedAt = null;
  };
  const onVisibility = () => (document.visibilityState === 'visible' ? start() : pause());

  document.addEventListener('visibilitychange', onVisibility);
  start();
}
