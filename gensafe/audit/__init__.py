"""The auditor's side: the B.2.1 report and the integrity chain."""
