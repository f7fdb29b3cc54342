/** A spinner on stderr for work that takes more than a moment; silent when not a terminal. */
export interface Progress {
  update(text: string): void;
  done(text?: string): void;
  fail(text?: string): void;
  /** Removes the spinner line without a final message. */
  clear(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function startProgress(
  text: string,
  stream: NodeJS.WriteStream = process.stderr,
  /** How texts are made safe to print (the output's `clean`: URLs masked, control characters escaped). */
  clean: (text: string) => string = (t) => t,
): Progress {
  if (!stream.isTTY) {
    return { update() {}, done() {}, fail() {}, clear() {} };
  }
  let current = clean(text);
  let i = 0;
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[i++ % FRAMES.length]} ${current}`);
  draw();
  const timer = setInterval(draw, 80);
  const end = (mark: string, final?: string) => {
    clearInterval(timer);
    stream.write(`\r\x1b[2K${mark} ${final === undefined ? current : clean(final)}\n`);
  };
  return {
    update(t) {
      current = clean(t);
    },
    done: (t) => end('✔', t),
    fail: (t) => end('✖', t),
    clear() {
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
