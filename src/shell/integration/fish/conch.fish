# conch's fish integration: fish runs as `fish -i --init-command 'source <this file>'`,
# so this runs after the user's config (a static file shipped with conch; no user
# file is edited). It reports to conch through OSC 6973 marks carrying the
# session's nonce and this shell's pid (see ../bash.sh for the vocabulary).
#
# fish always keeps its own line editor. conch hides it: the prompt prints
# nothing, and conch types each line through private keys bound below —
#   \e[6970~ clear the line        \e[6971~ run it, if complete
#   \e[6972~ / \e[6973~ insert what comes between them literally
#   \e[6974~ hand back keys typed ahead (F)   \e[6975~ drop a continued construct
#   \e[6976~ run it, and list variable names again (it may set a secret; Tab completes them)
# At a prompt, Enter itself only comes from keys typed ahead while a command ran:
# it hands the line to conch's editor (T) instead of running it here.

set -g __conch_nonce "$CONCH_NONCE"
set -e CONCH_NONCE

if test -n "$__conch_nonce"
    set -g __conch_cwd
    set -g __conch_vars
    set -g __conch_seen_names
    set -g __conch_seen_values
    set -g __conch_secret_names

    # stderr: fish's own is always the terminal (it has no `exec 2>file`); marks are never
    # printed from fish_prompt, whose output fish captures.
    # One printf for all marks (it repeats its format for each): a loop's redirected block costs fish
    # a tenth of a millisecond per mark. The nonce is hex and the pid digits: no % in the format.
    function __conch_mark
        printf "\e]6973;$__conch_nonce;$fish_pid;%s\a" $argv >&2
    end

    function __conch_fields --argument-names kind
        begin
            printf '\e]6973;%s;%s;%s' $__conch_nonce $fish_pid $kind
            printf '=%s\0' $argv[2..-1]
            printf '\a'
        end >&2
    end

    function __conch_report
        if test "$PWD" != "$__conch_cwd"
            set -g __conch_cwd $PWD
            __conch_fields P $PWD
        end
        set -l vars "$PATH:$HOME"
        if test "$vars" != "$__conch_vars"
            set -g __conch_vars $vars
            __conch_fields V PATH (string join : -- $PATH | string collect) HOME "$HOME"
        end
        __conch_secrets
    end

    # Listing every variable costs milliseconds, so it runs only when conch asks
    # (the run key \e[6976~, after a line that could have set one); the values of
    # names already known are checked after every command.
    function __conch_find_secret_names
        for n in (set -n | string match -rie 'key|token|secret|pass|pwd|dsn|credential|auth')
            contains -- $n PWD OLDPWD; and continue
            # fish's own (fish_key_bindings) and conch's are not secrets.
            string match -qr '^(__conch_|fish_|__fish)' -- $n; and continue
            contains -- $n $__conch_secret_names; or set -g -a __conch_secret_names $n
        end
    end

    # Names for Tab (N, see ../bash.sh): builtins run in fish's own process, none forks.
    function __conch_list_names
        __conch_fields N \
            f (functions -n | string join \n | string collect -a) \
            a (abbr --list | string join \n | string collect -a) \
            v (set -n | string join \n | string collect -a) \
            b (builtin -n | string join \n | string collect -a)
    end

    function __conch_secrets
        set -l out
        for n in $__conch_secret_names
            set -q $n; or continue
            set -l v (string join ' ' -- $$n | string collect)
            test -n "$v"; or continue
            set -l i (contains -i -- $n $__conch_seen_names)
            if test -n "$i"
                test "$__conch_seen_values[$i]" = "$v"; and continue
                set __conch_seen_values[$i] $v
            else
                set -g -a __conch_seen_names $n
                set -g -a __conch_seen_values $v
            end
            set -a out $n $v
        end
        if set -q out[1]
            __conch_fields S $out
        end
    end

    # fish prints a job's notice whenever it reaps the job, also while conch types into its hidden
    # editor, whose noise conch drops: the notice (the user's own fish_job_summary, if any) comes as a mark.
    if functions -q fish_job_summary
        functions -c fish_job_summary __conch_job_summary
        function fish_job_summary
            set -l text (__conch_job_summary $argv 2>&1 | string match -v '' | string collect)
            test -n "$text"; and __conch_fields J $text\n
        end
    end

    # fish runs fish_title with no command at every prompt repaint, where the title goes to conch's
    # hidden screen and is dropped: the user's (or fish's default) title runs only for a command, whose
    # title shows, or when a command calls it. $_ is the current command's name, fish itself at a
    # prompt (a fish without $_ leaves it empty: the title then always runs, as before).
    if functions -q fish_title
        functions -c fish_title __conch_title
        function fish_title
            set -q argv[1]; or test "$_" != fish; or return 0
            __conch_title $argv
        end
    end

    # One empty line, not nothing: fish's own functions count the prompt's lines
    # (fish_job_summary says `string repeat: Invalid count value '-1'` otherwise).
    function fish_prompt
        echo
    end
    function fish_right_prompt
    end
    function fish_mode_prompt
    end

    # The fish_prompt event comes once per new prompt; the fish_prompt function also runs on every repaint.
    function __conch_on_prompt --on-event fish_prompt
        set -l s $status
        # A command changed the keys (fish_vi_key_bindings, or re-sourcing config.fish): conch's come back.
        test "$fish_key_bindings:$fish_bind_mode" = fish_default_key_bindings:default; or __conch_default_keys
        # At the prompt, Enter can only come from keys typed ahead: conch's editor takes the line.
        bind \r __conch_enter
        bind \n __conch_enter
        __conch_mark "A;$s" B
    end
    function __conch_on_preexec --on-event fish_preexec
        # A command's own `read` keeps fish's Enter.
        bind \r execute
        bind \n execute
        __conch_mark C
    end
    function __conch_on_postexec --on-event fish_postexec
        set -l s $status
        if set -q __conch_scan[1]
            set -e __conch_scan
            __conch_find_secret_names
            __conch_list_names
        end
        __conch_report
        __conch_mark "D;$s"
    end

    function __conch_exec
        commandline --is-valid
        set -l valid $status
        # fish calls an empty line invalid; it runs it (a new prompt). Read only then: a command substitution costs.
        if test $valid -ne 0; and test -z "$(commandline)"
            set valid 0
        end
        switch $valid
            case 2
                # Incomplete (an open block or quote): conch shows its continuation prompt.
                __conch_mark 'A;k=s' B
            case 1
                # A syntax error: fish keeps the text in its editor and prints the error
                # over it; conch wants the error alone, as fish words it when checking a file.
                set -l line (commandline | string collect)
                commandline -r ''
                __conch_mark E
                fish --no-execute -c "$line"
                __conch_mark 'D;123' 'A;123' B
            case '*'
                commandline -f execute
        end
    end
    function __conch_exec_scan
        set -g __conch_scan 1
        __conch_exec
    end
    function __conch_raw_begin
        set -g fish_bind_mode conch_raw
    end
    # No repaint: fish reads the mode for the next key anyway, and a repaint would run the prompt
    # and title functions for a screen conch hides.
    function __conch_raw_end
        set -g fish_bind_mode default
    end
    function __conch_fetch
        __conch_fields F (commandline | string collect)
        commandline -r ''
    end
    function __conch_enter
        __conch_fields T (commandline | string collect)\n
        commandline -r ''
    end
    # conch types into fish's hidden editor, and keys typed ahead reach it: vi bindings (or a user's
    # own) would read them as editing commands. The session keeps fish's default keys, set globally, so
    # a universal fish_key_bindings (the user's choice for fish outside conch) is shadowed, never rewritten;
    # fish_user_key_bindings, which fish calls whenever the bindings load, is emptied for the same reason.
    function __conch_default_keys
        function fish_user_key_bindings
        end
        set -g fish_key_bindings fish_default_key_bindings
        fish_default_key_bindings 2>/dev/null
        set -g fish_bind_mode default
    end
    function __conch_cancel
        commandline -r ''
        __conch_mark 'D;130' 'A;130' B
    end

    set -g fish_autosuggestion_enabled 0
    __conch_default_keys
    bind \e\[6970\~ 'commandline -r ""'
    bind \e\[6971\~ __conch_exec
    bind \e\[6972\~ __conch_raw_begin
    bind \e\[6974\~ __conch_fetch
    bind \e\[6975\~ __conch_cancel
    bind \e\[6976\~ __conch_exec_scan
    bind -M conch_raw '' self-insert
    bind -M conch_raw \e\[6973\~ __conch_raw_end

    __conch_find_secret_names
    __conch_list_names
    __conch_report
    # fish_history names the history ("fish" when unset); an empty name keeps none.
    set -l history_file
    if not set -q fish_history
        set history_file $__fish_user_data_dir/fish_history
    else if test -n "$fish_history"
        set history_file $__fish_user_data_dir/$fish_history"_history"
    end
    __conch_fields I "$history_file"
end
