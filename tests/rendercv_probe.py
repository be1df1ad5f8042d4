"""RenderCV's own reading of one of our YAML files, run by whichever RenderCV is installed (2.3 in the test venv,
2.8 in a Python 3.12 venv): stdin is the YAML, stdout one JSON line with the version, whether RenderCV's model
accepts the file (else its error) and the Typst it generates. Used by tests/test_rendercv_consumers.py."""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from typing import Any


def probe(text: str) -> dict[str, Any]:
    found = version("rendercv")
    try:
        if found.startswith("2.3"):
            from rendercv.data import reader
            from rendercv.renderer import renderer

            model = reader.validate_input_dictionary_and_return_the_data_model(reader.read_a_yaml_file(text))
            typst = renderer.create_contents_of_a_typst_file(model)
        else:
            from rendercv.renderer.templater.templater import render_full_template
            from rendercv.schema.rendercv_model_builder import build_rendercv_dictionary_and_model

            _, model = build_rendercv_dictionary_and_model(text)
            typst = render_full_template(model, "typst")
    except Exception as error:
        return {"version": found, "ok": False, "error": f"{type(error).__name__}: {error}"[:2000], "typst": ""}
    return {"version": found, "ok": True, "error": "", "typst": typst}


if __name__ == "__main__":
    for line in sys.stdin:
        print(json.dumps(probe(json.loads(line))), flush=True)
