"""The demolition pre-check ledger (房屋拆除控增量摸底台账) and the bureau's rule-of-law supervision letters
(法治督察函): towns/streets and departments keep their cases and record each procedure step with its evidence;
the gate (workflows.demolition) says when demolition is lawful; the bureau issues numbered letters from the
board's alerts and tracks the replies."""
