#!/bin/sh
# `make mutants`: builds the soak once per planted bug of src/base/mutant.h
# (-DMUTANT=k, in build/mutant-k) and runs it until a check fails, at most
# SEEDS seeds (first argument, default 500). Prints one row per bug and
# exits 1 if any went uncaught.
set -u
seeds=${1:-500}
ids=$(sed -n 's/^[[:space:]]*X(\([0-9][0-9]*\),.*/\1/p' src/base/mutant.h)
missed=0
printf '%-26s  %-72s  %-6s  %s\n' "bug" "what it does" "seeds" "caught by"
for k in $ids; do
	make -s --no-print-directory BUILD=build/mutant-$k DEFS=-DMUTANT=$k build/mutant-$k/soak >/dev/null || exit 2
	name=$(build/mutant-$k/soak --mutant | cut -f1)
	text=$(build/mutant-$k/soak --mutant | cut -f2)
	# the bug's own assertion messages would bury the table
	result=$(build/mutant-$k/soak --seeds "$seeds" --first-failure 2>/dev/null | tail -n 1)
	case $result in
	"caught at seed "*)
		seed=${result#caught at seed }
		check=${seed#* by }
		seed=${seed%% *}
		printf '%-26s  %-72s  %-6s  %s\n' "$name" "$text" "$seed" "$check"
		;;
	*)
		printf '%-26s  %-72s  %-6s  %s\n' "$name" "$text" ">$seeds" "NOT CAUGHT"
		missed=$((missed + 1))
		;;
	esac
done
echo "$missed of $(echo $ids | wc -w) planted bugs not caught within $seeds seeds"
[ "$missed" -eq 0 ]
