#!/usr/bin/env python3
"""Writes the bad-input corpus: fixtures/bad-input/<input>/<case>.<ext> and cases.toml.

Each case is one malformed or odd file (outputs, inventory, profile, waivers) with the exit code
stackproof must give and words its message must contain. tests/bad_input.rs runs every case
through the real binary. Rerun this script after changing a case; the files are checked in.
"""

import json
import os
import shutil

ROOT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "bad-input")
CASES = []


def case(kind, name, content, exit_code, words, note):
    ext = {"outputs": "json", "inventory": "json", "profile": "toml", "waivers": "toml"}[kind]
    path = f"{kind}/{name}.{ext}"
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(full, "wb") as handle:
        handle.write(data)
    CASES.append((path, kind, exit_code, words, note))


def nested(depth):
    return "[" * depth + "]" * depth


VPC = "vpc-0123456789abcdef0"
SUBNET_A = "subnet-0123456789abcdef0"
SUBNET_B = "subnet-0fedcba9876543210"

# Outputs files, judged offline by `stackproof outputs FILE --json` (exit 0: parsed) or refused.
bad_json = "not valid JSON"
outputs = [
    ("empty", "", 2, [bad_json], "a zero-byte file"),
    ("whitespace", "  \n\t \n", 2, [bad_json], "whitespace only"),
    ("truncated-object", '{"VpcId": "vpc-1",', 2, [bad_json], "cut after a comma"),
    ("truncated-string", '{"VpcId": "vpc-01', 2, [bad_json], "cut inside a string"),
    ("truncated-nested", '{"Stack": {"VpcId": ', 2, [bad_json], "cut inside a nested map"),
    ("binary", bytes(range(256)) * 4, 2, [bad_json], "random bytes"),
    ("utf16", '{"VpcId": "vpc-1"}'.encode("utf-16"), 2, [bad_json], "UTF-16 with its BOM"),
    ("top-array", '["vpc-1"]', 2, ["JSON object"], "a list, not a map"),
    ("top-string", '"vpc-1"', 2, ["JSON object"], "a bare string"),
    ("top-number", "42", 2, ["JSON object"], "a bare number"),
    ("top-null", "null", 2, ["JSON object"], "null"),
    ("top-bool", "true", 2, ["JSON object"], "a boolean"),
    ("duplicate-key", '{"VpcId": "%s", "VpcId": "vpc-0aaaaaaaaaaaaaaaa"}' % VPC, 2, ["VpcId", "twice"], "the same key twice: which value counts?"),
    ("duplicate-nested-key", '{"Stack": {"VpcId": "%s", "VpcId": "%s"}}' % (VPC, VPC), 2, ["VpcId", "twice"], "CDK nested map naming a key twice"),
    ("duplicate-terraform-key", '{"vpc_id": {"value": "%s", "type": "string", "sensitive": false}, "vpc_id": {"value": "x", "type": "string", "sensitive": false}}' % VPC, 2, ["vpc_id", "twice"], "Terraform output twice"),
    ("deeply-nested", '{"Deep": %s}' % nested(5000), 2, [bad_json, "recursion"], "nesting past any real outputs file"),
    ("nested-key-control-chars", '{"Vpc\\u001b[31mId": "%s"}' % VPC, 2, ["control character"], "an ANSI escape in a key"),
    ("key-newline", '{"Vpc\\nId": "%s"}' % VPC, 2, ["control character"], "a newline in a key"),
    ("key-nul", '{"Vpc\\u0000Id": "%s"}' % VPC, 2, ["control character"], "a NUL in a key"),
    ("empty-key", '{"": "%s"}' % VPC, 2, ["empty key"], "a key with no name"),
    ("empty-object", "{}", 0, ['"anchors": []'], "no outputs at all (check: nothing verified)"),
    ("bom", '\ufeff{"VpcId": "%s"}' % VPC, 0, ['"vpc"'], "a UTF-8 byte-order mark, as Windows editors write"),
    ("value-ansi", '{"Note": "\\u001b[2J\\u001b[31mred"}', 0, ['"unclassified"'], "ANSI escapes in a value are shown escaped"),
    ("value-control", '{"Note": "a\\u0007b\\u0008c"}', 0, ['"unclassified"'], "bell and backspace in a value"),
    ("value-multiline", '{"Cert": "-----BEGIN-----\\nabc\\n-----END-----"}', 0, ['"Cert"'], "a multi-line value"),
    ("commas-with-gaps", '{"Subnets": "%s,,%s,"}' % (SUBNET_A, SUBNET_B), 0, [SUBNET_A, SUBNET_B, '"subnet"'], "a comma-joined list with empty items"),
    ("json-list-in-string", '{"Subnets": "[\\"%s\\", \\"%s\\"]"}' % (SUBNET_A, SUBNET_B), 0, [SUBNET_B], "a JSON list inside a string"),
    ("prose-with-commas", '{"Note": "one, two, three"}', 0, ['"unclassified"'], "prose is not a list"),
    ("number-value", '{"Port": 8080}', 0, ['"setting"'], "a number"),
    ("null-value", '{"VpcId": null}', 0, ['"VpcId"'], "null is an empty value, kept"),
    ("bool-value", '{"Enabled": true}', 0, ['"setting"'], "a boolean"),
    ("partition-cn", '{"Bucket": "arn:aws-cn:s3:::logs-bucket"}', 0, ['"bucket"'], "an ARN in the China partition"),
    ("partition-gov", '{"Role": "arn:aws-us-gov:iam::123456789012:role/app"}', 0, ['"iam-role"'], "an ARN in GovCloud"),
    ("account-11-digits", '{"Role": "arn:aws:iam::12345678901:role/app"}', 0, ['"unclassified"'], "an ARN whose account has 11 digits"),
    ("account-13-digits", '{"Role": "arn:aws:iam::1234567890123:role/app"}', 0, ['"unclassified"'], "an ARN whose account has 13 digits"),
    ("account-letters", '{"Role": "arn:aws:iam::12345678901x:role/app"}', 0, ['"unclassified"'], "an ARN whose account is not a number"),
    ("arn-truncated", '{"Queue": "arn:aws:sqs"}', 0, ['"unclassified"'], "an ARN cut short"),
    ("unknown-service-arn", '{"Thing": "arn:aws:madeup:us-east-1:123456789012:thing/x"}', 0, ['"other-arn"'], "an ARN of a service stackproof does not know: kept, not collected"),
    ("terraform-sensitive-arn", '{"role_arn": {"value": "arn:aws:iam::123456789012:role/secret-role", "type": "string", "sensitive": true}}', 0, ["<sensitive>"], "a sensitive Terraform output shaped like an ARN is never shown"),
    ("terraform-sensitive-account", '{"account": {"value": "210987654321", "type": "string", "sensitive": true}}', 0, ["<sensitive>"], "a sensitive account id"),
    ("pulumi-secret", '{"dbPassword": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": "\\"hunter2\\""}}', 0, ["<sensitive>"], "a Pulumi secret"),
    ("unicode-key", '{"VpcId\u00e9\u4e2d": "%s"}' % VPC, 0, ['"vpc"'], "a key with non-ASCII letters"),
    ("very-long-key", '{"%s": "%s"}' % ("K" * 5000, VPC), 0, ['"vpc"'], "a 5,000-character key"),
    ("very-long-value", '{"Note": "%s"}' % ("x" * 200000), 0, ['"unclassified"'], "a 200 kB value"),
    ("many-outputs", json.dumps({f"Output{i}": f"value-{i}" for i in range(5000)}), 0, ["Output4999"], "5,000 outputs"),
]
for name, content, code, words, note in outputs:
    case("outputs", name, content, code, words, note)

# Saved inventories, judged by `stackproof check --inventory FILE`.
def inventory(**fields):
    body = {"schema_version": 1, "meta": {"target": "endpoint http://127.0.0.1:5000"}}
    body.update(fields)
    return json.dumps(body)


inventories = [
    ("empty", "", 2, ["invalid inventory"], "a zero-byte file"),
    ("array", "[]", 2, ["invalid inventory"], "a list, not a map"),
    ("no-version", "{}", 2, ["schema_version"], "no schema_version: made by hand, not by collect"),
    ("version-0", '{"schema_version": 0}', 2, ["schema_version", "0"], "schema version 0"),
    ("version-99", '{"schema_version": 99}', 2, ["schema_version", "99"], "a future schema version"),
    ("version-string", '{"schema_version": "1"}', 2, ["schema_version"], "the version as text"),
    ("version-negative", '{"schema_version": -1}', 2, ["schema_version"], "a negative version"),
    ("nothing", inventory(), 3, ["nothing verified"], "a valid but empty inventory: nothing to judge"),
    ("no-meta", '{"schema_version": 1, "vpcs": [{"id": "%s", "cidr_block": "10.0.0.0/16"}]}' % VPC, 2, ["meta.target", "no-meta.json"], "no meta: what the collection could not read is unknown, so a gap could read as a pass"),
    ("unknown-field", inventory(lambdas=[]), 2, ["lambdas"], "a kind stackproof does not know"),
    ("unknown-resource-field", inventory(vpcs=[{"id": VPC, "cidr_blok": "10.0.0.0/16"}]), 2, ["vpcs[0]", "cidr_blok"], "a misspelt attribute"),
    ("vpcs-not-a-list", inventory(vpcs={"id": VPC}), 2, ["vpcs"], "a map where a list belongs"),
    ("vpc-without-id", inventory(vpcs=[{"cidr_block": "10.0.0.0/16"}]), 2, ["vpc", "empty identifier"], "a VPC with no id"),
    ("vpc-blank-id", inventory(vpcs=[{"id": "  ", "cidr_block": "10.0.0.0/16"}]), 2, ["vpc", "empty identifier"], "a VPC whose id is blank"),
    ("bucket-without-name", inventory(buckets=[{}]), 2, ["s3-bucket", "empty identifier"], "a bucket with no name"),
    ("retention-negative", inventory(log_groups=[{"name": "/ecs/app", "retention_days": -30}]), 2, ["/ecs/app", "-30"], "negative log retention"),
    ("retention-zero", inventory(log_groups=[{"name": "/ecs/app", "retention_days": 0}]), 2, ["/ecs/app", "retention_days"], "zero-day log retention"),
    ("retention-overflow", inventory(log_groups=[{"name": "/ecs/app", "retention_days": 10**20}]), 2, ["log_groups[0]", "retention_days"], "a number past any integer"),
    ("retention-float", inventory(log_groups=[{"name": "/ecs/app", "retention_days": 7.5}]), 2, ["retention_days"], "a fractional day count"),
    ("backup-negative", inventory(db_clusters=[{"id": "db", "backup_retention_days": -1}]), 2, ["db", "backup_retention_days"], "negative backup retention"),
    ("desired-negative", inventory(ecs_services=[{"name": "api", "desired_count": -2}]), 2, ["api", "desired_count"], "a negative task count"),
    ("errors-malformed", inventory(vpcs=[{"id": VPC, "errors": {"*": "denied"}}]), 2, ["errors"], "a fetch error without operation and message"),
    ("incomplete-malformed", inventory(incomplete=[{"kind": "security-group"}]), 2, ["incomplete"], "an incomplete record without its operation"),
    ("truncated", inventory(vpcs=[{"id": VPC}])[:-5], 2, ["invalid inventory"], "cut short"),
    ("binary", bytes(range(255, -1, -1)) * 3, 2, ["not UTF-8"], "random bytes"),
    ("deeply-nested", '{"schema_version": 1, "meta": {"outputs": %s}}' % nested(3000), 2, ["invalid inventory"], "nesting past the parser's limit"),
    ("bom", "\ufeff" + inventory(), 3, ["nothing verified"], "a byte-order mark before a valid, empty inventory"),
]
for name, content, code, words, note in inventories:
    case("inventory", name, content, code, words, note)

# Profiles, judged by `stackproof check --inventory <a small valid inventory> --profile FILE`.
profiles = [
    ("unknown-key", '[logs]\nretention_dayz = 30\n', 2, ["unknown-key.toml", "retention_dayz"], "a misspelt key"),
    ("unknown-section", '[logging]\nretention_days = 30\n', 2, ["logging"], "a misspelt table"),
    ("wrong-type", '[logs]\nretention_days = "thirty"\n', 2, ["retention_days"], "text where a number belongs"),
    ("wrong-type-bool", '[database]\ndeletion_protection = "yes"\n', 2, ["deletion_protection"], "text where a boolean belongs"),
    ("invalid-toml", '[logs\nretention_days = 30\n', 2, ["invalid-toml.toml"], "an unclosed table header"),
    ("binary", bytes([0xff, 0xfe, 0x00, 0x01]) * 8, 2, ["binary.toml"], "not text"),
    ("extends-missing", 'extends = "nowhere"\n', 2, ["extends-missing.toml", "`nowhere`"], "extends a profile that does not exist"),
    ("extends-self", 'extends = "extends-self"\n', 2, ["extends itself"], "extends itself"),
    ("extends-bad-base", 'extends = "base-broken"\n', 2, ["extends-bad-base.toml", "base-broken.toml", "colour"], "extends a profile with an error: both are named"),
    ("duplicate-key", '[logs]\nretention_days = 30\nretention_days = 90\n', 2, ["duplicate-key.toml", "retention_days"], "the same key twice"),
    ("enum-value", '[compute]\ncpu_architecture = "arm"\n', 2, ["cpu_architecture"], "a value outside the allowed set"),
    ("control-chars", 'name = "a\u0001b"\n', 2, ["control-chars.toml"], "a control character inside a string"),
    ("empty", "", 0, ["with profile"], "an empty profile asks nothing: the baseline-free minimum"),
    ("comments-only", "# nothing here\n", 0, ["with profile"], "comments only"),
    ("extends-builtin", 'extends = "baseline"\n[logs]\nretention_days = 30\n', 0, ["with profile"], "extends the built-in baseline"),
]
for name, content, code, words, note in profiles:
    case("profile", name, content, code, words, note)
# The broken base the extends-bad-base case reaches (not a case of its own).
with open(os.path.join(ROOT, "profile", "base-broken.toml"), "w") as handle:
    handle.write('[logs]\ncolour = "blue"\n')

# Waivers, judged by `stackproof check --inventory <the same inventory> --waivers FILE`.
WAIVER = 'check = "LOGS-001"\nresource = "/ecs/*"\njustification = "reviewed"\napprover = "a@example.com"\nticket = "SEC-1"\nexpires = 2099-12-31\n'
waivers = [
    ("unknown-check", "[[waiver]]\n" + WAIVER.replace("LOGS-001", "LOGS-999"), 2, ["LOGS-999"], "a check that does not exist"),
    ("empty-justification", "[[waiver]]\n" + WAIVER.replace('"reviewed"', '""'), 2, ["justification"], "no reason given"),
    ("empty-approver", "[[waiver]]\n" + WAIVER.replace('"a@example.com"', '"  "'), 2, ["approver"], "no approver"),
    ("bad-date", "[[waiver]]\n" + WAIVER.replace("2099-12-31", '"next year"'), 2, ["next year"], "a date that is not one"),
    ("impossible-date", "[[waiver]]\n" + WAIVER.replace("2099-12-31", '"2099-02-30"'), 2, ["2099-02-30"], "February 30th"),
    ("bad-glob", "[[waiver]]\n" + WAIVER.replace('"/ecs/*"', '"/ecs/[*"'), 2, ["resource"], "an unclosed glob class"),
    ("missing-ticket", "[[waiver]]\n" + WAIVER.replace('ticket = "SEC-1"\n', ""), 2, ["ticket"], "a required field missing"),
    ("unknown-field", "[[waiver]]\n" + WAIVER + 'severity = "low"\n', 2, ["severity"], "a field waivers do not have"),
    ("not-toml", "{\"waiver\": []}", 2, ["waivers"], "JSON, not TOML"),
    ("binary", bytes(range(0, 64)) * 4, 2, ["waivers"], "not text"),
    ("waiver-not-a-list", "[waiver]\n" + WAIVER, 2, ["waiver"], "a table where a list of tables belongs"),
    ("unused", "[[waiver]]\n" + WAIVER.replace('"/ecs/*"', '"/nothing/*"'), 0, ["UNUSED waiver LOGS-001"], "a waiver that matches nothing is listed as unused"),
    ("expired", "[[waiver]]\n" + WAIVER.replace("2099-12-31", "2020-01-01"), 0, ["EXPIRED waiver LOGS-001"], "an expired waiver is listed"),
    ("waives-a-pass", "[[waiver]]\n" + WAIVER, 0, ["UNUSED waiver LOGS-001", "waived 0"], "a waiver cannot touch passing results"),
    ("wildcard", "[[waiver]]\n" + WAIVER.replace('"/ecs/*"', '"*"'), 0, ["waived 0"], "resource = \"*\" waives fails only"),
    ("empty", "", 0, ["waived 0"], "no waivers at all"),
]
for name, content, code, words, note in waivers:
    case("waivers", name, content, code, words, note)

with open(os.path.join(ROOT, "cases.toml"), "w") as handle:
    handle.write("# Written by scripts/make-bad-input.py; tests/bad_input.rs runs every case.\n")
    for path, kind, code, words, note in CASES:
        handle.write("\n[[case]]\n")
        handle.write(f"file = {json.dumps(path)}\n")
        handle.write(f"input = {json.dumps(kind)}\n")
        handle.write(f"exit = {code}\n")
        handle.write(f"words = {json.dumps(words, ensure_ascii=False)}\n")
        handle.write(f"note = {json.dumps(note, ensure_ascii=False)}\n")
print(f"{len(CASES)} cases under {os.path.normpath(ROOT)}")
