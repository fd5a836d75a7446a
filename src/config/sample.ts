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

# Presets: built in are snappy, 32k, cloud, ollama and lmstudio; a table here
# changes one of them or adds a new one. Keys are never written here: name the
# environment variable that holds the key in api_key_env.

# A fast, small-context llama.cpp server (llama-server --port 8080).
[presets.snappy]
# base_url = "http://127.0.0.1:8080/v1"
# model = "local"
# context_size = 4096
# max_tokens = 512
# temperature = 0.2
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
`;
