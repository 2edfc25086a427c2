"""Upper bounds on counts and sizes a user gives: past them the value is a typo, and taking it
would only grow memory or a bill before anything useful is done."""

MAX_SAMPLES = 1000  # clean solutions per problem: each is requests and a lattice of variants
MAX_COUNT = 1_000_000  # problems (--limit)
MAX_ROUNDS = 100  # retries, fix rounds, tries, helpers and constants asked for
MAX_WORKERS = 256  # sandbox slots, requests in flight, CPU threads
MAX_TOKENS = 1 << 20  # completion tokens and context length
MAX_SECONDS = 86_400.0  # one request's timeout or one retry wait: a day

# A problem file is a statement and a few stdin cases (the corpus's largest is 3 KB); the
# statement goes whole into every clean prompt, so megabytes of it are a mistake, not a task.
MAX_PROBLEM_BYTES = 1 << 20
MAX_STATEMENT_CHARS = 16_000
# A given clean solution (--clean-from) goes into de-clean prompts and the sandbox.
MAX_SOURCE_BYTES = 256 * 1024
