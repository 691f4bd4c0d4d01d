// Helpers shared by the scenarios. Each scenario prints one line "RESULT <json>" and exits 0,
// or prints "FAILED <reason>" and exits 1. A scenario never runs longer than its deadline.

export function deadline(ms) {
  setTimeout(() => {
    console.log(`FAILED deadline of ${ms} ms exceeded`);
    process.exit(1);
  }, ms).unref();
}

export function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

export async function until(condition, what) {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function run(scenario) {
  try {
    const result = await scenario();
    console.log(`RESULT ${JSON.stringify(result)}`);
    process.exit(0);
  } catch (e) {
    console.log(`FAILED ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  }
}

/** Emits with an acknowledgement and resolves with all of its arguments. */
export function call(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(5_000).emit(event, ...args, (err, ...answer) => (err ? reject(err) : resolve(answer)));
  });
}
