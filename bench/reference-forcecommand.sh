#!/bin/bash
# The reference the wrapper is measured against: what the original bash
# design did (the Spreedly post): logger at start and end, the command run
# with bash -c. Usage as ForceCommand: reference-forcecommand.sh SYSLOG_SOCKET
sock="$1"
client="${RATIONALE_CLIENT:-command}"
logger -u "$sock" -t rationale -p authpriv.info -- "session start user=$USER src=${SSH_CONNECTION%% *} client=$client rationale=\"$RATIONALE\" command=\"$SSH_ORIGINAL_COMMAND\""
start=$EPOCHREALTIME
if [ -n "$SSH_ORIGINAL_COMMAND" ]; then bash -c "$SSH_ORIGINAL_COMMAND"; else bash -l; fi
rc=$?
logger -u "$sock" -t rationale -p authpriv.info -- "session end user=$USER client=$client exit=$rc start=$start end=$EPOCHREALTIME"
exit $rc
