// Progressive enhancement only: every form works without this file.
// 1. Show the fields that belong to the chosen radio option.
// 2. Keep the progress page current without reloading (polling /progress.json).
(() => {
  const toggle = () => {
    for (const el of document.querySelectorAll('[data-show-when]')) {
      const [name, value] = el.getAttribute('data-show-when').split('=');
      const checked = document.querySelector(`input[name="${name}"]:checked`);
      el.hidden = checked ? checked.value !== value : false;
    }
  };
  document.addEventListener('change', toggle);
  document.addEventListener('DOMContentLoaded', toggle);

  const progress = document.getElementById('progress');
  if (progress && progress.dataset.live === 'yes') {
    const tick = async () => {
      try {
        const r = await fetch('/progress.json', { cache: 'no-store' });
        if (r.ok) {
          const j = await r.json();
          const steps = j.state ? j.state.steps : {};
          const words = { pending: 'waiting', running: 'running', done: 'done', failed: 'failed' };
          for (const li of document.querySelectorAll('li.st')) {
            const st = steps[li.dataset.step];
            if (!st) continue;
            li.className = `st ${st.status}`;
            li.querySelector('.badge').textContent = words[st.status];
          }
          const over =
            j.state &&
            (j.state.finished || Object.values(steps).some((s) => s.status === 'failed'));
          if (over && !j.running) return location.reload();
        }
      } catch {
        // the host may be rebooting
      }
      setTimeout(tick, 1000);
    };
    setTimeout(tick, 1000);
  }
})();
