# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_stackproof_global_optspecs
    string join \n v/verbose h/help V/version
end

function __fish_stackproof_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_stackproof_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_stackproof_using_subcommand
    set -l cmd (__fish_stackproof_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c stackproof -n "__fish_stackproof_needs_command" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_needs_command" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_needs_command" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "check" -d 'Collect the stack an outputs file names (or read a saved inventory) and evaluate it against a profile'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "collect" -d 'Collect the resources an outputs file leads to into an inventory JSON'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "checks" -d 'Document the check library: `checks list`, `checks explain ID`'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "emulator" -d 'Run the embedded emulator (moto) in the foreground and print how to point tools at it'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "outputs" -d 'Show how an outputs file\'s values are classified (offline)'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "permissions" -d 'The least-privilege IAM policy a command needs: `permissions check [--json]`'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "profiles" -d 'The profiles a name reaches (yours and the built-in ones): `profiles list`, `profiles show NAME`'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "provision" -d 'Build seed scenarios on the target and write their outputs files and ledgers'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "destroy" -d 'Tear down what a scenario\'s ledger lists and prove nothing of the run is left'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "run" -d 'The main job: provision each scenario, collect, check against its profile, tear down'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "report" -d 'Work with report directories: `report merge DIR…`'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "drift" -d 'Compare environments of one stack (--env NAME=OUTPUTS, repeated) and report drift'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "completions" -d 'Print a shell completion script: `completions bash > /etc/bash_completion.d/stackproof`'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "man" -d 'Print the man page (roff), or write every command\'s page with `--dir DIR`'
complete -c stackproof -n "__fish_stackproof_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l inventory -d 'A saved inventory (from `stackproof collect --out`) instead of collecting live' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l template -d 'Judge a CloudFormation template (JSON or YAML) or a CDK `cdk.out` directory before deploy, instead of a deployed stack. Values known only after deploy make the verdicts that rest on them `skip`, never `pass` (docs/template-mode.md)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l parameter -d 'Template mode: a parameter\'s value (over its default), as KEY=VALUE; repeatable' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l account-id -d 'Template mode: the account id `AWS::AccountId` stands for (default 123456789012)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l outputs -d 'Outputs file to collect from live (the default when no --inventory is given)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l save-inventory -d 'Also write the live inventory here' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l environment-suffix -d 'The stack\'s environment suffix, when the outputs do not name it (`EnvironmentSuffix`)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l stack-name -d 'The stack\'s name in reports. Default: the stack the outputs file is keyed by or its `StackName` output, else the environment suffix, else the outputs file\'s path' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l concurrency -d 'Per-resource API calls in flight at once (live collection)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l target -d 'Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]' -r -f -a "emulator\t'Start the embedded emulator (moto) and stop it when done'
aws\t'Real AWS through the standard credential and region chain'"
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l endpoint -d 'An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l region -d 'AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l call-timeout -d 'Seconds one attempt of an API call may take before it is abandoned and retried (a stalled connection); a call that keeps stalling becomes an `error` result [default: 20]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l retry-mode -d 'How a call that failed in a transient way (throttled, a 5xx, a reset) is retried: `adaptive` also slows the client\'s own request rate down when throttled [default: adaptive]' -r -f -a "adaptive\t'Backoff per request, and a client-side rate that follows the throttling answers'
standard\t'Backoff per request only'"
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l max-attempts -d 'Attempts per call, the first included [default: 5]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l profile -d 'Profile: a path to a TOML file, or a name looked up in --profiles-dir, then among the built-in profiles (`stackproof profiles list`)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l profiles-dir -d 'Folder of your own profiles: a name is looked up there first (NAME.toml), then among the built-in profiles (`stackproof profiles list`)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l waivers -d 'Waivers TOML: [[waiver]] check, resource (glob), justification, approver, ticket, expires' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l report-dir -d 'Where the run\'s report directory (`<run-id>/`) goes' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -l format -d 'Report formats, comma-separated: json, junit, sarif, markdown, html (a MANIFEST.sha256 is always written)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stackproof -n "__fish_stackproof_using_subcommand check" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l outputs -d 'Outputs file: CloudFormation/CDK flat or nested, `pulumi stack output --json`, `terraform output -json`' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l out -d 'Where to write the inventory JSON' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l concurrency -d 'Per-resource API calls in flight at once' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l target -d 'Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]' -r -f -a "emulator\t'Start the embedded emulator (moto) and stop it when done'
aws\t'Real AWS through the standard credential and region chain'"
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l endpoint -d 'An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l region -d 'AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l call-timeout -d 'Seconds one attempt of an API call may take before it is abandoned and retried (a stalled connection); a call that keeps stalling becomes an `error` result [default: 20]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l retry-mode -d 'How a call that failed in a transient way (throttled, a 5xx, a reset) is retried: `adaptive` also slows the client\'s own request rate down when throttled [default: adaptive]' -r -f -a "adaptive\t'Backoff per request, and a client-side rate that follows the throttling answers'
standard\t'Backoff per request only'"
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -l max-attempts -d 'Attempts per call, the first included [default: 5]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stackproof -n "__fish_stackproof_using_subcommand collect" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -f -a "list" -d 'List every check: id, severity, title, references'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -f -a "explain" -d 'Show a check\'s full documentation'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -f -a "seed-coverage" -d 'Every seed requirement with the checks that verify it or why none can (Markdown)'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and not __fish_seen_subcommand_from list explain seed-coverage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (id, title, severity, domain, params, references, rationale, remediation)'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from seed-coverage" -l seeds -d 'Directory of seed files (`NNN_*.txt`)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from seed-coverage" -l requirements -d 'Annotations: checks quoting a requirement in other words, reasons for the rest' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from seed-coverage" -l out -d 'Write the Markdown here instead of stdout' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from seed-coverage" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from seed-coverage" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from seed-coverage" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every check: id, severity, title, references'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show a check\'s full documentation'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from help" -f -a "seed-coverage" -d 'Every seed requirement with the checks that verify it or why none can (Markdown)'
complete -c stackproof -n "__fish_stackproof_using_subcommand checks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand emulator" -l port -d 'Port to listen on (127.0.0.1); a free one is picked when omitted' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand emulator" -l install -d 'Only make sure moto is available (installing it if missing), print where, and exit'
complete -c stackproof -n "__fish_stackproof_using_subcommand emulator" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand emulator" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand emulator" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand outputs" -l json -d 'Print JSON: {format, anchors: [{kind, id, key, stack, value, region}]}'
complete -c stackproof -n "__fish_stackproof_using_subcommand outputs" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand outputs" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand outputs" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -f -a "check" -d 'What `check` and `collect` need: read-only describe, get and list actions'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -f -a "drift" -d 'What `drift` needs: the `check` policy\'s reads, and `sns:Publish` for `--notify-sns`'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -f -a "provision" -d 'What `provision` and `destroy` need: creating, tagging and deleting the scenarios\' resources (`run` needs this policy and the `check` one)'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and not __fish_seen_subcommand_from check drift provision help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from check" -l json -d 'Print only the policy document (JSON), ready for `aws iam put-role-policy`'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from drift" -l json -d 'Print only the policy document (JSON), ready for `aws iam put-role-policy`'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from drift" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from drift" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from drift" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from provision" -l json -d 'Print only the policy document (JSON), ready for `aws iam put-role-policy`'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from provision" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from provision" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from provision" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from help" -f -a "check" -d 'What `check` and `collect` need: read-only describe, get and list actions'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from help" -f -a "drift" -d 'What `drift` needs: the `check` policy\'s reads, and `sns:Publish` for `--notify-sns`'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from help" -f -a "provision" -d 'What `provision` and `destroy` need: creating, tagging and deleting the scenarios\' resources (`run` needs this policy and the `check` one)'
complete -c stackproof -n "__fish_stackproof_using_subcommand permissions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'Every profile a name reaches: yours (in --profiles-dir) and the built-in ones'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Print a profile\'s TOML (yours or built in) to copy into your own and extend'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from list" -l profiles-dir -d 'Folder of your own profiles: a name is looked up there first (NAME.toml), then among the built-in profiles (`stackproof profiles list`)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from list" -l json -d 'One JSON object per profile: name, source, description, extends'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from show" -l profiles-dir -d 'Folder of your own profiles: a name is looked up there first (NAME.toml), then among the built-in profiles (`stackproof profiles list`)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every profile a name reaches: yours (in --profiles-dir) and the built-in ones'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a profile\'s TOML (yours or built in) to copy into your own and extend'
complete -c stackproof -n "__fish_stackproof_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l scenario -d 'Scenario to build (repeatable); see --all. Besides the five seeds, the benchmark stacks of docs/performance.md: mixed-35, scale-100, scale-1000' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l suffix -d 'Suffix for every resource name (default: a short random one)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l out-dir -d 'Where outputs files and ledgers go' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l target -d 'Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]' -r -f -a "emulator\t'Start the embedded emulator (moto) and stop it when done'
aws\t'Real AWS through the standard credential and region chain'"
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l endpoint -d 'An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l region -d 'AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l call-timeout -d 'Seconds one attempt of an API call may take before it is abandoned and retried (a stalled connection); a call that keeps stalling becomes an `error` result [default: 20]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l retry-mode -d 'How a call that failed in a transient way (throttled, a 5xx, a reset) is retried: `adaptive` also slows the client\'s own request rate down when throttled [default: adaptive]' -r -f -a "adaptive\t'Backoff per request, and a client-side rate that follows the throttling answers'
standard\t'Backoff per request only'"
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l max-attempts -d 'Attempts per call, the first included [default: 5]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -l all -d 'Build every seed scenario'
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stackproof -n "__fish_stackproof_using_subcommand provision" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l scenario -d 'Scenario whose ledger to tear down (repeatable); see --all' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l older-than -d 'With --stale: the age from which a run is stale (`90m`, `6h`, `2d`; `0s` takes every run, also one too old to carry its start time)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l out-dir -d 'Where the ledgers are' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l target -d 'Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]' -r -f -a "emulator\t'Start the embedded emulator (moto) and stop it when done'
aws\t'Real AWS through the standard credential and region chain'"
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l endpoint -d 'An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l region -d 'AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l call-timeout -d 'Seconds one attempt of an API call may take before it is abandoned and retried (a stalled connection); a call that keeps stalling becomes an `error` result [default: 20]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l retry-mode -d 'How a call that failed in a transient way (throttled, a 5xx, a reset) is retried: `adaptive` also slows the client\'s own request rate down when throttled [default: adaptive]' -r -f -a "adaptive\t'Backoff per request, and a client-side rate that follows the throttling answers'
standard\t'Backoff per request only'"
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l max-attempts -d 'Attempts per call, the first included [default: 5]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l all -d 'Tear down every scenario that has a ledger'
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -l stale -d 'The janitor: find every run stackproof left in the account (by the tags every resource carries, ledger or not) in the scenarios\' regions and tear down those older than --older-than; younger runs may be in progress and are kept'
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stackproof -n "__fish_stackproof_using_subcommand destroy" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l scenario -d 'Scenario to run (repeatable); every scenario when omitted' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l out-dir -d 'Where outputs files and ledgers go' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l report-dir -d 'Where the run\'s report directory (`<run-id>/`) goes' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l format -d 'Report formats, comma-separated: json, junit, sarif, markdown, html (a MANIFEST.sha256 is always written)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l profiles-dir -d 'Folder of your own profiles: a name is looked up there first (NAME.toml), then among the built-in profiles (`stackproof profiles list`)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l target -d 'Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]' -r -f -a "emulator\t'Start the embedded emulator (moto) and stop it when done'
aws\t'Real AWS through the standard credential and region chain'"
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l endpoint -d 'An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l region -d 'AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l call-timeout -d 'Seconds one attempt of an API call may take before it is abandoned and retried (a stalled connection); a call that keeps stalling becomes an `error` result [default: 20]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l retry-mode -d 'How a call that failed in a transient way (throttled, a 5xx, a reset) is retried: `adaptive` also slows the client\'s own request rate down when throttled [default: adaptive]' -r -f -a "adaptive\t'Backoff per request, and a client-side rate that follows the throttling answers'
standard\t'Backoff per request only'"
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l max-attempts -d 'Attempts per call, the first included [default: 5]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l all -d 'Run every scenario (the default)'
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -l keep -d 'Keep the provisioned resources instead of tearing them down'
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stackproof -n "__fish_stackproof_using_subcommand run" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and not __fish_seen_subcommand_from merge help" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and not __fish_seen_subcommand_from merge help" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and not __fish_seen_subcommand_from merge help" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and not __fish_seen_subcommand_from merge help" -f -a "merge" -d 'Merge report directories (each with a report.json) into one new run'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and not __fish_seen_subcommand_from merge help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from merge" -l report-dir -d 'Where the run\'s report directory (`<run-id>/`) goes' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from merge" -l format -d 'Report formats, comma-separated: json, junit, sarif, markdown, html (a MANIFEST.sha256 is always written)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from merge" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from merge" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Merge report directories (each with a report.json) into one new run'
complete -c stackproof -n "__fish_stackproof_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l env -d 'An environment as NAME=OUTPUTS_FILE (repeat for each; the first is the reference)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l template -d 'Template ↔ deployed instead: the CloudFormation template (or single-stack `cdk.out`) the stack of --outputs was deployed from; every attribute it declares is compared with the deployed one (docs/template-mode.md)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l outputs -d 'With --template: the deployed stack\'s outputs file' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l parameter -d 'With --template: a parameter\'s value as deployed, KEY=VALUE; repeatable' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l profile -d 'Profile whose `[drift] allowed` lists the differences that are by design' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l profiles-dir -d 'Folder of your own profiles: a name is looked up there first (NAME.toml), then among the built-in profiles (`stackproof profiles list`)' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l notify-sns -d 'Publish a summary of the comparison to this SNS topic' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l report-dir -d 'Where the run\'s report directory (`<run-id>/`) goes' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l format -d 'Report formats, comma-separated: json, junit, sarif, markdown, html (a MANIFEST.sha256 is always written)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l target -d 'Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]' -r -f -a "emulator\t'Start the embedded emulator (moto) and stop it when done'
aws\t'Real AWS through the standard credential and region chain'"
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l endpoint -d 'An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l region -d 'AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l call-timeout -d 'Seconds one attempt of an API call may take before it is abandoned and retried (a stalled connection); a call that keeps stalling becomes an `error` result [default: 20]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l retry-mode -d 'How a call that failed in a transient way (throttled, a 5xx, a reset) is retried: `adaptive` also slows the client\'s own request rate down when throttled [default: adaptive]' -r -f -a "adaptive\t'Backoff per request, and a client-side rate that follows the throttling answers'
standard\t'Backoff per request only'"
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -l max-attempts -d 'Attempts per call, the first included [default: 5]' -r
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stackproof -n "__fish_stackproof_using_subcommand drift" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand completions" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand completions" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand completions" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand man" -l dir -d 'Write one page per command (`stackproof.1`, `stackproof-check.1` …) into DIR instead of printing the top-level page' -r -F
complete -c stackproof -n "__fish_stackproof_using_subcommand man" -s v -l verbose -d 'More log output on stderr: -v the libraries\' warnings and stackproof\'s details, -vv debug'
complete -c stackproof -n "__fish_stackproof_using_subcommand man" -s h -l help -d 'Print help'
complete -c stackproof -n "__fish_stackproof_using_subcommand man" -s V -l version -d 'Print version'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "check" -d 'Collect the stack an outputs file names (or read a saved inventory) and evaluate it against a profile'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "collect" -d 'Collect the resources an outputs file leads to into an inventory JSON'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "checks" -d 'Document the check library: `checks list`, `checks explain ID`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "emulator" -d 'Run the embedded emulator (moto) in the foreground and print how to point tools at it'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "outputs" -d 'Show how an outputs file\'s values are classified (offline)'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "permissions" -d 'The least-privilege IAM policy a command needs: `permissions check [--json]`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "profiles" -d 'The profiles a name reaches (yours and the built-in ones): `profiles list`, `profiles show NAME`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "provision" -d 'Build seed scenarios on the target and write their outputs files and ledgers'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "destroy" -d 'Tear down what a scenario\'s ledger lists and prove nothing of the run is left'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "run" -d 'The main job: provision each scenario, collect, check against its profile, tear down'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "report" -d 'Work with report directories: `report merge DIR…`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "drift" -d 'Compare environments of one stack (--env NAME=OUTPUTS, repeated) and report drift'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "completions" -d 'Print a shell completion script: `completions bash > /etc/bash_completion.d/stackproof`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "man" -d 'Print the man page (roff), or write every command\'s page with `--dir DIR`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and not __fish_seen_subcommand_from check collect checks emulator outputs permissions profiles provision destroy run report drift completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from checks" -f -a "list" -d 'List every check: id, severity, title, references'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from checks" -f -a "explain" -d 'Show a check\'s full documentation'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from checks" -f -a "seed-coverage" -d 'Every seed requirement with the checks that verify it or why none can (Markdown)'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from permissions" -f -a "check" -d 'What `check` and `collect` need: read-only describe, get and list actions'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from permissions" -f -a "drift" -d 'What `drift` needs: the `check` policy\'s reads, and `sns:Publish` for `--notify-sns`'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from permissions" -f -a "provision" -d 'What `provision` and `destroy` need: creating, tagging and deleting the scenarios\' resources (`run` needs this policy and the `check` one)'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "list" -d 'Every profile a name reaches: yours (in --profiles-dir) and the built-in ones'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "show" -d 'Print a profile\'s TOML (yours or built in) to copy into your own and extend'
complete -c stackproof -n "__fish_stackproof_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "merge" -d 'Merge report directories (each with a report.json) into one new run'
