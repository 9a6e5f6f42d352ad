#!/bin/bash

__fte_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__fte_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__fte_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__fte_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_fte() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __fte_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    serve|work|migrate|ticket|kb|eval|mcp|simulate|help)
        # Offer subcommand argument completions
        "_fte_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'serve work migrate ticket kb eval mcp simulate help' -- "${cur}"))
        ;;
    esac
}

_fte_serve() {
    repeating_flags=()
    non_repeating_flags=(--with-worker --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --port --public-url --submissions-per-minute --trusted-proxies --kafka-brokers --concurrency --model-dir --threads --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--public-url')
        return
        ;;
    '--submissions-per-minute')
        return
        ;;
    '--trusted-proxies')
        return
        ;;
    '--kafka-brokers')
        return
        ;;
    '--concurrency')
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_work() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--host --port --concurrency --model-dir --threads --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--concurrency')
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_migrate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __fte_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    apply|status)
        # Offer subcommand argument completions
        "_fte_migrate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'apply status' -- "${cur}"))
        ;;
    esac
}

_fte_migrate_apply() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    esac
}

_fte_migrate_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --format)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    esac
}

_fte_ticket() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __fte_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|reply|escalate|resolve)
        # Offer subcommand argument completions
        "_fte_ticket_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show reply escalate resolve' -- "${cur}"))
        ;;
    esac
}

_fte_ticket_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--status --channel --customer --since --limit --format --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--status')
        __fte_add_completions -W 'open'$'\n''processing'$'\n''resolved'$'\n''escalated'
        return
        ;;
    '--channel')
        __fte_add_completions -W 'email'$'\n''whatsapp'$'\n''web_form'
        return
        ;;
    '--customer')
        return
        ;;
    '--since')
        return
        ;;
    '--limit')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_ticket_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format --database-url)
    __fte_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_ticket_reply() {
    repeating_flags=()
    non_repeating_flags=(--resolve --version -h --help)
    repeating_options=()
    non_repeating_options=(--message --by --format --database-url)
    __fte_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--message')
        return
        ;;
    '--by')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_ticket_escalate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--reason --by --format --database-url)
    __fte_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--reason')
        return
        ;;
    '--by')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_ticket_resolve() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--note --by --format --database-url)
    __fte_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--note')
        return
        ;;
    '--by')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_kb() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __fte_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    ingest|search|eval|list|reindex|embed)
        # Offer subcommand argument completions
        "_fte_kb_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'ingest search eval list reindex embed' -- "${cur}"))
        ;;
    esac
}

_fte_kb_ingest() {
    repeating_flags=()
    non_repeating_flags=(--prune --version -h --help)
    repeating_options=()
    non_repeating_options=(--max-file-bytes --format --model-dir --threads --database-url)
    __fte_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--max-file-bytes')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __fte_add_completions -f
        return
        ;;
    esac
}

_fte_kb_search() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(-k --category --mode --format --model-dir --threads --database-url)
    __fte_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-k')
        return
        ;;
    '--category')
        return
        ;;
    '--mode')
        __fte_add_completions -W 'hybrid'$'\n''dense'$'\n''full-text'
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_kb_eval() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--min-hit5 --repeat --format --model-dir --threads --database-url)
    __fte_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--min-hit5')
        return
        ;;
    '--repeat')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __fte_add_completions -o plusdirs -fX '!*.@(jsonl)'
        return
        ;;
    esac
}

_fte_kb_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_kb_reindex() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--model-dir --threads --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_kb_embed() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format --model-dir --threads)
    __fte_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    esac
}

_fte_eval() {
    repeating_flags=()
    non_repeating_flags=(--from-tickets --version -h --help)
    repeating_options=()
    non_repeating_options=(--trials --min-pass --since --save --concurrency --format --model-dir --threads --database-url)
    __fte_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--trials')
        return
        ;;
    '--min-pass')
        return
        ;;
    '--since')
        return
        ;;
    '--save')
        return
        ;;
    '--concurrency')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __fte_add_completions -o plusdirs -fX '!*.@(jsonl|yaml|yml)'
        return
        ;;
    esac
}

_fte_mcp() {
    repeating_flags=()
    non_repeating_flags=(--allow-writes --version -h --help)
    repeating_options=(--allow-origin)
    non_repeating_options=(--http --host --by --model-dir --threads --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--http')
        return
        ;;
    '--host')
        return
        ;;
    '--allow-origin')
        return
        ;;
    '--by')
        return
        ;;
    '--model-dir')
        return
        ;;
    '--threads')
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_simulate() {
    repeating_flags=()
    non_repeating_flags=(--no-outages --kafka --no-knowledge-base --keep-database --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--hours --speed --scale --seed --gateways --workers --kill-every --kafka-brokers --llm --llm-latency-ms --llm-error-rate --llm-slowdown-ms --knowledge-base --questions --report --log-dir --database-restart-command --min-uptime --max-processing-p95 --max-delivery-p99 --max-escalation-rate --min-escalation-correctness --min-cross-channel --format --database-url)
    __fte_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--hours')
        return
        ;;
    '--speed')
        return
        ;;
    '--scale')
        return
        ;;
    '--seed')
        return
        ;;
    '--gateways')
        return
        ;;
    '--workers')
        return
        ;;
    '--kill-every')
        return
        ;;
    '--kafka-brokers')
        return
        ;;
    '--llm')
        __fte_add_completions -W 'scripted'$'\n''real'
        return
        ;;
    '--llm-latency-ms')
        return
        ;;
    '--llm-error-rate')
        return
        ;;
    '--llm-slowdown-ms')
        return
        ;;
    '--knowledge-base')
        __fte_add_completions -d
        return
        ;;
    '--questions')
        __fte_add_completions -o plusdirs -fX '!*.@(jsonl)'
        return
        ;;
    '--report')
        __fte_add_completions -o plusdirs -fX '!*.@(html)'
        return
        ;;
    '--log-dir')
        __fte_add_completions -d
        return
        ;;
    '--database-restart-command')
        return
        ;;
    '--min-uptime')
        return
        ;;
    '--max-processing-p95')
        return
        ;;
    '--max-delivery-p99')
        return
        ;;
    '--max-escalation-rate')
        return
        ;;
    '--min-escalation-correctness')
        return
        ;;
    '--min-cross-channel')
        return
        ;;
    '--format')
        __fte_add_completions -W 'table'$'\n''json'$'\n''csv'
        return
        ;;
    '--database-url')
        return
        ;;
    esac
}

_fte_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __fte_offer_flags_options -1
}

complete -o filenames -F _fte fte
