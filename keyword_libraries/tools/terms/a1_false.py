from build_default import Library


def build(lib: Library) -> None:
    pass
