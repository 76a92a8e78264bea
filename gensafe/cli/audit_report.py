"""`gensafe audit verify` and `gensafe audit report` (added to the `audit` group)."""
from __future__ import annotations

import json

import click


@click.command("verify")
@click.option("--db", required=True, help="Audit database to verify.")
@click.option("--no-files", is_flag=True, help="Check the database and manifests only, not the shard files.")
@click.option("--json", "as_json", is_flag=True)
def verify_cmd(db: str, no_files: bool, as_json: bool) -> None:
    """Recompute the run manifest chain, shard checksums and provenance rows; exit 1 on any alteration."""
    from gensafe.audit.integrity import verify

    try:
        res = verify(db, check_files=not no_files)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"ok": res.ok, "runs": res.runs, "shards_checked": res.shards_checked,
                               "documents_checked": res.documents_checked,
                               "findings": [f.__dict__ for f in res.findings]}, indent=1, ensure_ascii=False))
    else:
        click.echo(f"checked {res.runs} run(s), {res.shards_checked} shard(s), {res.documents_checked} document row(s)")
        for f in res.findings:
            click.echo(f"ALTERED  {f}")
        click.echo("OK: the chain, the shards and the audit rows match their manifests" if res.ok
                   else f"FAILED: {len(res.findings)} finding(s)")
    if not res.ok:
        raise SystemExit(1)


def register(main: click.Group) -> None:
    group = main.commands.get("audit")
    if group is None:
        group = click.Group("audit", help="The auditor's side: B.2.1 report, record samples, integrity.")
        main.add_command(group)
    group.add_command(verify_cmd)  # type: ignore[union-attr]
