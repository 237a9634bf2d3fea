% Transitive closure with tabling for run_rules_bench.sh: swipl tc.pl FACTS (a file of e(S, T). facts; not *.pl, which swipl would run)
% Prints {"engine": "swipl", "facts": N, "ms": M}, M the time of the closure alone.
:- initialization(main, main).
:- dynamic e/2.
:- table tc/2.
tc(X, Y) :- e(X, Y).
tc(X, Z) :- tc(X, Y), e(Y, Z).

main :-
    current_prolog_flag(argv, [Facts | _]),
    load_files(Facts, [silent(true)]),
    garbage_collect,
    get_time(T0),
    aggregate_all(count, tc(_, _), N),
    get_time(T1),
    Ms is (T1 - T0) * 1000,
    format('{"engine": "swipl", "facts": ~w, "ms": ~2f}~n', [N, Ms]).
