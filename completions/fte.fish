function __fte_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __fte_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __fte_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __fte_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __fte_parse_tokens -S
    set -l unparsed_tokens (__fte_tokens -pc)
    switch $unparsed_tokens[1]
    case 'fte'
        __fte_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'serve'
            __fte_parse_subcommand 0 'host=' 'port=' 'public-url=' 'submissions-per-minute=' 'trusted-proxies=' 'with-worker' 'kafka-brokers=' 'concurrency=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
        case 'work'
            __fte_parse_subcommand 0 'host=' 'port=' 'concurrency=' 'model-dir=' 'threads=' 'kafka-brokers=' 'database-url=' 'version' 'h/help'
        case 'migrate'
            __fte_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'apply'
                __fte_parse_subcommand 0 'database-url=' 'dry-run' 'version' 'h/help'
            case 'status'
                __fte_parse_subcommand 0 'database-url=' 'format=' 'version' 'h/help'
            end
        case 'ticket'
            __fte_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __fte_parse_subcommand 0 'status=' 'channel=' 'customer=' 'since=' 'limit=' 'format=' 'database-url=' 'version' 'h/help'
            case 'show'
                __fte_parse_subcommand 1 'format=' 'database-url=' 'version' 'h/help'
            case 'reply'
                __fte_parse_subcommand 1 'by=' 'format=' 'database-url=' 'message=' 'resolve' 'version' 'h/help'
            case 'escalate'
                __fte_parse_subcommand 1 'by=' 'format=' 'database-url=' 'reason=' 'version' 'h/help'
            case 'resolve'
                __fte_parse_subcommand 1 'by=' 'format=' 'database-url=' 'note=' 'version' 'h/help'
            end
        case 'report'
            __fte_parse_subcommand 0 'since=' 'until=' 'channel=' 'reopen-window=' 'html=' 'email=+' 'gap-groups=' 'group-similarity=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
        case 'kb'
            __fte_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'ingest'
                __fte_parse_subcommand -r 1 'prune' 'max-file-bytes=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
            case 'search'
                __fte_parse_subcommand 1 'k=' 'category=' 'mode=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
            case 'eval'
                __fte_parse_subcommand 1 'min-hit5=' 'repeat=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
            case 'list'
                __fte_parse_subcommand 0 'format=' 'database-url=' 'version' 'h/help'
            case 'reindex'
                __fte_parse_subcommand 0 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
            case 'embed'
                __fte_parse_subcommand -r 1 'format=' 'model-dir=' 'threads=' 'version' 'h/help'
            case 'candidates'
                __fte_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'suggest'
                    __fte_parse_subcommand 0 'since=' 'answered-similarity=' 'group-similarity=' 'extractive' 'by=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
                case 'list'
                    __fte_parse_subcommand 0 'status=' 'limit=' 'format=' 'database-url=' 'version' 'h/help'
                case 'show'
                    __fte_parse_subcommand 1 'format=' 'database-url=' 'version' 'h/help'
                case 'edit'
                    __fte_parse_subcommand 1 'by=' 'database-url=' 'version' 'h/help'
                case 'approve'
                    __fte_parse_subcommand 1 'into=' 'root=' 'by=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
                case 'reject'
                    __fte_parse_subcommand 1 'reason=' 'by=' 'format=' 'database-url=' 'version' 'h/help'
                case 'gaps'
                    __fte_parse_subcommand 0 'since=' 'until=' 'channel=' 'limit=' 'answered-similarity=' 'group-similarity=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
                end
            end
        case 'eval'
            __fte_parse_subcommand -r 1 'trials=' 'min-pass=' 'from-tickets' 'since=' 'save=' 'concurrency=' 'format=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
        case 'mcp'
            __fte_parse_subcommand 0 'http=' 'host=' 'allow-origin=+' 'allow-writes' 'by=' 'model-dir=' 'threads=' 'database-url=' 'version' 'h/help'
        case 'simulate'
            __fte_parse_subcommand 0 'hours=' 'speed=' 'scale=' 'seed=' 'gateways=' 'workers=' 'kill-every=' 'no-outages' 'kafka' 'kafka-brokers=' 'llm=' 'llm-latency-ms=' 'llm-error-rate=' 'llm-slowdown-ms=' 'knowledge-base=' 'no-knowledge-base' 'questions=' 'report=' 'log-dir=' 'keep-database' 'database-restart-command=' 'json' 'min-uptime=' 'max-processing-p95=' 'max-delivery-p99=' 'max-escalation-rate=' 'min-escalation-correctness=' 'min-cross-channel=' 'format=' 'database-url=' 'version' 'h/help'
        case 'help'
            __fte_parse_subcommand -r 1 'version'
        end
    end
end

function __fte_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __fte_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __fte_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __fte_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__fte_tokens -p)
    if test -z "$(__fte_tokens -t)"
        set -l index (count (__fte_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'fte' -f
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'serve' -d 'Run the intake gateway: the web support form and the channel webhooks.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'work' -d 'Process queued messages: identify the customer, run the agent, send the reply.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'migrate' -d 'Apply database schema migrations, or show their status.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'ticket' -d 'List, show, reply to, escalate and resolve support tickets.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'report' -d 'Report on a period: volume, sentiment, outcomes, first response, knowledge gaps, model usage.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'kb' -d 'Load, search and evaluate the knowledge base, and learn from resolved tickets.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'eval' -d 'Run scenario files through the real agent and report pass^1 and pass^k.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'mcp' -d 'Serve the knowledge base and the ticket desk to MCP clients (Claude, IDE agents, copilots).'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'simulate' -d 'Run a simulated day of traffic with faults against fte serve and fte work, and judge it.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" host' -l 'host' -d 'Address to listen on (env FTE_HOST; default 127.0.0.1).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" port' -l 'port' -d 'Port to listen on, 0 for any free port (env FTE_PORT; default 8080).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" public-url' -l 'public-url' -d 'Externally visible base URL (env FTE_PUBLIC_URL).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" submissions-per-minute' -l 'submissions-per-minute' -d 'Web-form submissions per client address per minute (env FTE_SUBMISSIONS_PER_MINUTE; default 10).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" trusted-proxies' -l 'trusted-proxies' -d 'Proxies in front of fte serve that append to X-Forwarded-For, when FTE_TRUST_FORWARDED_FOR is true (env FTE_TRUSTED_PROXIES; default 1).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" with-worker' -l 'with-worker' -d 'Also run the worker in this process (the single-machine setup; see fte work).'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" kafka-brokers' -l 'kafka-brokers' -d 'Kafka bootstrap servers; without them events go through the PostgreSQL queue (env FTE_KAFKA_BROKERS).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" concurrency' -l 'concurrency' -d 'Messages handled at once (env FTE_WORKER_CONCURRENCY; default 200).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" host' -l 'host' -d 'Address the probes and metrics listen on (env FTE_HOST; default 127.0.0.1; 0.0.0.0 in a container).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" port' -l 'port' -d 'Port of GET /health, /ready and /metrics; 0 turns them off (env FTE_WORKER_PORT; default 9091).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" concurrency' -l 'concurrency' -d 'Messages handled at once (env FTE_WORKER_CONCURRENCY; default 200).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" kafka-brokers' -l 'kafka-brokers' -d 'Kafka bootstrap servers; without them events go through the PostgreSQL queue (env FTE_KAFKA_BROKERS).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte work" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte migrate" -eq 1' -fa 'apply' -d 'Apply pending migrations (the default).'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte migrate" -eq 1' -fa 'status' -d 'Show each migration: applied, pending, changed or unknown.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate apply" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate apply" dry-run' -l 'dry-run' -d 'List the migrations that would be applied; change nothing.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate apply" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate status" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate status" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate status" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte migrate status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte ticket" -eq 1' -fa 'list' -d 'List tickets, newest first.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte ticket" -eq 1' -fa 'show' -d 'Show a ticket: customer and identifiers, the cross-channel conversation with each reply\'s trace, escalations, history.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte ticket" -eq 1' -fa 'reply' -d 'Answer a ticket\'s customer as a human, through the channel of their latest message.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte ticket" -eq 1' -fa 'escalate' -d 'Hand a ticket to a human, recording the reason, who and when.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte ticket" -eq 1' -fa 'resolve' -d 'Resolve a ticket with a resolution note, recording who and when.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" status' -l 'status' -d 'Only tickets with this status.' -rfka 'open processing resolved escalated'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" channel' -l 'channel' -d 'Only tickets that came in through this channel.' -rfka 'email whatsapp web_form'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" customer' -l 'customer' -d 'Only tickets of the customer with this e-mail address or phone number.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" since' -l 'since' -d 'Only tickets created since then: 2026-11-24, 2026-11-24T08:00:00Z, or an age like 90m, 24h, 7d.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" limit' -l 'limit' -d 'Most tickets to list (1-10000).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket show" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket show" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket show" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" message' -l 'message' -d 'The reply, at most 10000 characters.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" resolve' -l 'resolve' -d 'Resolve the ticket with the note "answered by <name>".'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket reply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket escalate" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket escalate" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket escalate" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket escalate" reason' -l 'reason' -d 'Why the ticket needs a human.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket escalate" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket escalate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket resolve" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket resolve" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket resolve" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket resolve" note' -l 'note' -d 'How the ticket was resolved.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket resolve" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte ticket resolve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" since' -l 'since' -d 'Start: 2026-11-24, 2026-11-24T08:00:00Z, or an age like 24h, 7d (default: 24 hours before --until).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" until' -l 'until' -d 'End, same forms (default: now).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" channel' -l 'channel' -d 'Only this channel: email, whatsapp or web_form.' -rfka 'email whatsapp web_form'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" reopen-window' -l 'reopen-window' -d 'Hours after the agent\'s answer in which a new message from the customer reopens it (env FTE_REPORT_REOPEN_WINDOW_HOURS; default 72).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" html' -l 'html' -d 'Also write the HTML report with charts to this file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'html\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report"' -l 'email' -d 'Send the report to this address through the configured Gmail mailbox (repeat for several; env FTE_REPORT_EMAIL).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" gap-groups' -l 'gap-groups' -d 'Knowledge-gap groups to list (1-100).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" group-similarity' -l 'group-similarity' -d 'Cosine similarity at which two questions are one (env FTE_QUESTION_GROUP_SIMILARITY; default 0.5).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'ingest' -d 'Load Markdown, text, HTML and PDF documents into the knowledge base.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'search' -d 'Search the knowledge base (vector similarity, full-text matches deciding close calls).'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'eval' -d 'Measure retrieval on a question set: hit@1, hit@5 and MRR of dense, full-text and hybrid search.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'list' -d 'List the documents in the knowledge base.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'reindex' -d 'Re-embed every chunk with the configured embedder (after changing embedders).'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'embed' -d 'Print the embedding (384 numbers) of each text, computed locally with all-MiniLM-L6-v2.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb" -eq 1' -fa 'candidates' -d 'Knowledge-base entries learnt from tickets people resolved, for a content owner to approve.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb ingest" -ge 1' -F
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" prune' -l 'prune' -d 'Remove documents whose files are confirmed gone from the given paths.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" max-file-bytes' -l 'max-file-bytes' -d 'Largest file ingested, in bytes (env FTE_KB_MAX_FILE_BYTES; default 10485760, 10 MB).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb ingest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" k' -s 'k' -d 'How many passages to return (1-50).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" category' -l 'category' -d 'Only documents of this category (their top folder).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" mode' -l 'mode' -d 'Ranking: hybrid (dense and full text fused, what the agent uses), dense or full-text.' -rfka 'hybrid dense full-text'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb search" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb eval" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'jsonl\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" min-hit5' -l 'min-hit5' -d 'Fail when hit@5 is below this (0-1).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" repeat' -l 'repeat' -d 'Search each question this many extra times, for steadier latency figures (0-100).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb eval" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb list" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb list" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb list" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb reindex" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb reindex" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb reindex" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb reindex" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb reindex" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb embed" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb embed" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb embed" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb embed" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb embed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'suggest' -d 'Draft candidates from tickets people resolved: one per distinct question, personal data removed.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'list' -d 'List candidates, newest first.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'show' -d 'Show a candidate: its text, tickets and history.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'edit' -d 'Edit a pending candidate\'s title, category, question and answer in $EDITOR (Markdown).'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'approve' -d 'Approve a candidate: write it as a Markdown document into your knowledge-base folder and ingest it.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'reject' -d 'Reject a candidate; questions like it are not proposed again.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte kb candidates" -eq 1' -fa 'gaps' -d 'List the questions the knowledge base could not answer and nobody has answered yet, grouped, largest first.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" since' -l 'since' -d 'Tickets resolved since then: 2026-11-24, 2026-11-24T08:00:00Z, or an age like 7d.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" answered-similarity' -l 'answered-similarity' -d 'A knowledge-base passage at least this similar (cosine) answers a question (default: FTE_BUILTIN_MIN_SIMILARITY, 0.5).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" group-similarity' -l 'group-similarity' -d 'Cosine similarity at which two questions are one (env FTE_QUESTION_GROUP_SIMILARITY; default 0.5).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" extractive' -l 'extractive' -d 'Keep the cleaned question and answer as they are, even with a model configured.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates suggest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates list" status' -l 'status' -d 'Only candidates with this status: pending, approved or rejected.' -rfka 'pending approved rejected'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates list" limit' -l 'limit' -d 'Most candidates to list (1-10000).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates list" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates list" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates list" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates show" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates show" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates show" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates edit" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates edit" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates edit" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates edit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" into' -l 'into' -d 'Folder of your knowledge base to write the document into.' -rfa '(__fte_complete_directories)'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" root' -l 'root' -d 'The knowledge-base folder you give `fte kb ingest` (default: the parent of --into).' -rfa '(__fte_complete_directories)'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates approve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates reject" reason' -l 'reason' -d 'Why (recorded with the decision).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates reject" by' -l 'by' -d 'Who is making the change (env FTE_ACTOR; default: $USER).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates reject" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates reject" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates reject" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates reject" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" since' -l 'since' -d 'Start: a date, a date-time, or an age like 30d (default: 30 days before --until).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" until' -l 'until' -d 'End, same forms (default: now).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" channel' -l 'channel' -d 'Only questions asked on this channel.' -rfka 'email whatsapp web_form'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" limit' -l 'limit' -d 'Groups to list (1-1000).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" answered-similarity' -l 'answered-similarity' -d 'A knowledge-base passage at least this similar (cosine) answers a question (default: FTE_BUILTIN_MIN_SIMILARITY, 0.5).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" group-similarity' -l 'group-similarity' -d 'Cosine similarity at which two questions are one (env FTE_QUESTION_GROUP_SIMILARITY; default 0.5).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte kb candidates gaps" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_positional "fte eval" -ge 1' -fa '(set -l exts \'jsonl\' \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" trials' -l 'trials' -d 'Trials per scenario, k (1-100).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" min-pass' -l 'min-pass' -d 'Fail (exit 1) when pass^k is below this (0-1).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" from-tickets' -l 'from-tickets' -d 'Also replay tickets a person resolved.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" since' -l 'since' -d 'With --from-tickets: tickets resolved since then (2026-11-24, or an age like 7d).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" save' -l 'save' -d 'Write the scenarios made from tickets to this JSON Lines file.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" concurrency' -l 'concurrency' -d 'Scenarios run at once (1-64).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte eval" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" http' -l 'http' -d 'Serve the streamable HTTP transport on this port instead of stdio, 0 for any free port (env FTE_MCP_HTTP_PORT).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" host' -l 'host' -d 'Address --http listens on (env FTE_MCP_HOST; default 127.0.0.1).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp"' -l 'allow-origin' -d 'A browser origin allowed to call --http besides its own, e.g. https://desk.example.com; repeatable (env FTE_MCP_ALLOWED_ORIGINS, comma-separated).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" allow-writes' -l 'allow-writes' -d 'Offer reply_to_ticket, escalate_ticket and resolve_ticket (env FTE_MCP_ALLOW_WRITES=true).'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" by' -l 'by' -d 'Name recorded on ticket changes (env FTE_ACTOR; default: the client\'s name, as mcp:<name>).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" model-dir' -l 'model-dir' -d 'Model directory (env FTE_EMBED_MODEL_DIR).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" threads' -l 'threads' -d 'Embedding threads (env FTE_EMBED_THREADS; default: all cores).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte mcp" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" hours' -l 'hours' -d 'Simulated hours (0.25-168).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" speed' -l 'speed' -d 'Simulated seconds per real second (1-100000); the default runs a day in 3 minutes.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" scale' -l 'scale' -d 'Traffic multiplier over the specification\'s day (0.1-100).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" seed' -l 'seed' -d 'Seed of the traffic and fault plan; the same seed plans the same day.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" gateways' -l 'gateways' -d 'fte serve processes (1-8).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" workers' -l 'workers' -d 'fte work processes (1-16).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" kill-every' -l 'kill-every' -d 'Simulated hours between process kills (0: none).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" no-outages' -l 'no-outages' -d 'Inject no outages (model, Twilio, Gmail, Kafka, database), only kills.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" kafka' -l 'kafka' -d 'Use Kafka: a mock cluster hosted by the simulator, or --kafka-brokers.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" kafka-brokers' -l 'kafka-brokers' -d 'Kafka bootstrap servers to use instead of the hosted mock cluster.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" llm' -l 'llm' -d 'The model: scripted (a fake with --llm-latency-ms and --llm-error-rate) or real (FTE_LLM_*).' -rfka 'scripted real'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" llm-latency-ms' -l 'llm-latency-ms' -d 'Milliseconds each scripted model turn takes (0-60000).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" llm-error-rate' -l 'llm-error-rate' -d 'Share of scripted model requests answered 503 (0-1).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" llm-slowdown-ms' -l 'llm-slowdown-ms' -d 'Milliseconds the slowdown fault adds to each scripted model turn (0-60000).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" knowledge-base' -l 'knowledge-base' -d 'Folder ingested before the day starts.' -rfa '(__fte_complete_directories)'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" no-knowledge-base' -l 'no-knowledge-base' -d 'Start with an empty knowledge base.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" questions' -l 'questions' -d 'Questions the knowledge base answers (JSON Lines), used for the customers\' questions.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'jsonl\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" report' -l 'report' -d 'Where the HTML report is written.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'html\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" log-dir' -l 'log-dir' -d 'Folder for the logs of every process started (kept after the run).' -rfa '(__fte_complete_directories)'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" keep-database' -l 'keep-database' -d 'Keep the scratch database afterwards.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" database-restart-command' -l 'database-restart-command' -d 'Shell command run at the database-restart fault; without one, every connection is terminated.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" json' -l 'json' -d 'Print the result as JSON (same as --format json).'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" min-uptime' -l 'min-uptime' -d 'Uptime must be above this percentage.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" max-processing-p95' -l 'max-processing-p95' -d 'p95 processing latency per channel must be below this many seconds.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" max-delivery-p99' -l 'max-delivery-p99' -d 'p99 delivery latency per channel must be below this many seconds.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" max-escalation-rate' -l 'max-escalation-rate' -d 'The escalation rate must be below this percentage.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" min-escalation-correctness' -l 'min-escalation-correctness' -d 'Escalation decisions matching the ground truth: at least this percentage.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" min-cross-channel' -l 'min-cross-channel' -d 'Cross-channel identification must be above this percentage.' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" format' -l 'format' -d 'Output format: table, json or csv.' -rfka 'table json csv'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" database-url' -l 'database-url' -d 'PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).' -rfka ''
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" version' -l 'version' -d 'Show the version.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte simulate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fte' -n '__fte_should_offer_completions_for_flags_or_options "fte help" version' -l 'version' -d 'Show the version.'
