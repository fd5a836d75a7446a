/** What `conch config --init` writes: every setting, commented, and never a key. */
export const SAMPLE_CONFIG = `# conch configuration (TOML). Every line here is optional.

# The preset a question goes to unless --preset or CONCH_PRESET says otherwise.
# default_preset = "snappy"

# A line starting with this is a question for the model, not a command.
# question_prefix = "?"

# Thinking models' reasoning: "dim" (shown dimmed, apart from the answer) or "hidden".
# show_reasoning = "dim"

[shell]
# Your shell, run once per conch with your rc files: bash, zsh, fish or sh.
# Unset: $SHELL when it is bash, zsh or fish, else bash, else /bin/sh.
# program = "/bin/bash"
# Output kept per command for the model: at most this many lines and bytes.
# capture_lines = 2000
# capture_bytes = 262144
# history_file = "~/.local/state/conch/history"

[agent]
# Goal mode (?! GOAL): steps before conch asks whether to go on.
# max_steps = 15
# Commands that run without asking, matched on whole words (ls matches ls -la,
# not lsblk), and only a single simple command: no ; && | > $ \` ( ) or globs,
# and nothing the risk check flags. Empty (the default): every step waits for Enter.
# auto_run = ["git status", "git diff", "ls"]
[log]
# Every exchange (question, context as sent, answer; secrets redacted) is kept in
# $XDG_DATA_HOME/conch/conversations.jsonl, mode 0600. false: keep nothing.
# enabled = true
# Forget exchanges older than this many days (default: keep them all).
# keep_days = 90
# ("conch log --clear" empties the log.)

# Presets: built in are snappy, 32k, cloud, ollama, lmstudio and local; a table here
# changes one of them or adds a new one. Keys are never written here: name the
# environment variable that holds the key in api_key_env.

# A fast, small-context llama.cpp server (llama-server --port 8080).
[presets.snappy]
# base_url = "http://127.0.0.1:8080/v1"
# model = "local"
# context_size = 4096       # tokens, at least 512
# max_tokens = 512          # the answer's share of context_size: above 0, below context_size
# temperature = 0.2         # 0 to 2
# context = "full"          # what of the shell the model sees: "full", "commands" or "none"

# A long-context llama.cpp server (llama-server --port 8081 -c 32768).
[presets.32k]
# base_url = "http://127.0.0.1:8081/v1"
# context_size = 32768
# max_tokens = 2048

# Cloud models through OpenRouter.
[presets.cloud]
# base_url = "https://openrouter.ai/api/v1"
# model = "openai/gpt-4o-mini"
# api_key_env = "OPENROUTER_API_KEY"
# context_size = 128000
# connect_timeout_ms = 10000
# idle_timeout_ms = 60000     # no bytes at all for this long
# stall_timeout_ms = 180000   # only keepalive comments for this long
# overall_timeout_ms = 600000

# The built-in model, run by conch itself (no server): \`conch models pull\`
# downloads it to $XDG_DATA_HOME/conch/models; used when nothing is configured
# and no local server answers.
[presets.local]
# engine = "embedded"       # "openai" (a server at base_url, the default) or "embedded"
# model = "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
#   or a path ("~/models/x.gguf"), or an https:// URL of a .gguf file
#   smaller and faster: "hf:Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
#   better, slower, ~4.7 GB (6 GB of memory): "hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF/Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf"
# context_size = 4096
# threads = 1               # CPU threads (default: half the cores, 1 on 2 cores)
`;
