"""Drop the imported `activations` package before every build.

`mkdocs serve` rebuilds in the same Python process; without this, edits in src/ would
be watched (see `watch:` in mkdocs.yml) but the old code would still draw the figures.
The other hooks import `activations` inside their event functions, after this has run.
"""

import sys


def on_pre_build(config):
    for name in list(sys.modules):
        if name == "activations" or name.startswith("activations."):
            del sys.modules[name]
