#!/usr/bin/env bash
# A short tour of samfam on a fresh database with fictional people.
# Run:  bash examples/tour.sh            (runs samfam with `uv run`, as after the README's set-up;
#       SAMFAM_BIN=samfam uses one on the PATH instead)
# It builds its own database in a temporary folder, removed at the end, whatever SAMFAM_DB says (after
# `samfam demo` it may point at the demo), with its own audit key there. The date is fixed so the output
# is the same every day.
set -euo pipefail

tour="$(mktemp -d)"
trap 'rm -rf "$tour"' EXIT
export SAMFAM_DB="$tour/tour.db"
export SAMFAM_CONFIG_DIR="$tour/config"  # the audit key and the witness of this throwaway database
export SAMFAM_TODAY=2026-11-22
unset SAMFAM_USER SAMFAM_PURPOSE SAMFAM_AUDIT_KEY SAMFAM_AUDIT_KEY_FILE SAMFAM_AUDIT_WITNESS_DIR
# (the OS login sets up the staff: --user names only a current staff member)
samfam="${SAMFAM_BIN:-uv run --quiet samfam}"

$samfam init
$samfam advisor add MKJ --name "Mette Kjær Jensen" --team Nord
$samfam advisor add LBH --name "Lars Bøgh Hansen" --team Nord
export SAMFAM_USER=MKJ  # from here Mette acts

# A child with extra costs (merudgifter) and counselling: the 3-month track.
$samfam case open 2026-0142 --child "Alma Holm" --advisor MKJ --born 2019-04-02 \
  --opened 2026-05-04 --para "BL 86" --para "BL 30" --buddy LBH
$samfam event add 2026-0142 startup --on 2026-05-04
$samfam event add 2026-0142 followup --on 2026-08-03 --scale 6 --note "Ny støttepædagog i børnehaven"
$samfam event add 2026-0142 sms --on 2026-10-20          # informal contact: does not count

# A child-focused investigation starts: the case moves to the 6-week track and the clock restarts.
$samfam grant add 2026-0142 "BL 20" --from 2026-09-14

# A case opened under Serviceloven, with respite care (aflastning, SEL § 52 stk. 3 nr. 5).
$samfam case open 2023-0077 --child "Oscar Lund" --advisor LBH --born 2012-09-30 \
  --opened 2023-06-12 --para "sel 52 stk. 3 nr. 5"
$samfam event add 2023-0077 network-meeting --on 2026-10-29

$samfam overdue
$samfam due --within 30
$samfam explain 2026-0142
$samfam case list --format csv
$samfam --purpose "Forberedelse af netværksmøde" case show 2026-0142 > /dev/null   # logged with its purpose
$samfam audit verify                                    # the audit log's hash chain is intact
$samfam access 2026-0142 --format markdown             # the family's access letter, in Danish
$samfam check
$samfam audit --case 2026-0142 --format json
