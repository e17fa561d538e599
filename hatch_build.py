"""Compile the matcher's hot loop (src/namefold/_align.py) with Cython when a C compiler is at hand.

The same source is built as namefold._align_c next to the pure module, so that an install has both
and NAMEFOLD_PURE=1 can choose the pure one. Without Cython or a working compiler the wheel is the
pure-Python one, which gives the same results, only slower. Editable installs get the compiled
module in place in src/namefold (git-ignored), where the editable install imports from.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

NOTICE = "namefold: no C compiler found; installing the pure-Python matcher (same results, slower)"
MODULE = "_align_c"


def compile_kernel(package: Path, work: Path) -> Path:
    """Build namefold._align_c from _align.py and _align.pxd in `work`; the path of the extension."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    shutil.rmtree(work, ignore_errors=True)
    (work / "namefold").mkdir(parents=True)
    for suffix in (".py", ".pxd"):  # another name, so that the pure module stays importable beside it
        shutil.copy2(package / f"_align{suffix}", work / "namefold" / f"{MODULE}{suffix}")
    source = (package / "_align.py").read_bytes()
    with (work / "namefold" / f"{MODULE}.py").open("a") as copy:  # words.py compares it with _align.py
        copy.write(f'\nSOURCE_DIGEST = "{hashlib.sha256(source).hexdigest()}"\n')
    (work / "namefold" / "__init__.py").touch()  # else Cython, not seeing a package, ignores the .pxd
    extensions = cythonize(
        [Extension(f"namefold.{MODULE}", [str(work / "namefold" / f"{MODULE}.py")])],
        compiler_directives={"language_level": 3},
        quiet=True,
    )
    command = build_ext(Distribution({"ext_modules": extensions}))
    command.build_lib, command.build_temp = str(work / "lib"), str(work / "temp")
    command.ensure_finalized()
    command.run()
    return work / "lib" / "namefold" / f"{MODULE}{sysconfig.get_config_var('EXT_SUFFIX')}"


class KernelBuildHook(BuildHookInterface):
    """Adds the compiled kernel to the wheel (or beside the source, for an editable install)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        package = Path(self.root) / "src" / "namefold"
        if version == "editable":  # an old build must not outlive a failed one
            for stale in package.glob(f"{MODULE}.*"):
                stale.unlink()
        try:
            built = compile_kernel(package, Path(self.root) / "build" / "kernel")
        except Exception as error:  # no Cython, no compiler, no Python headers: all mean the same
            print(f"{NOTICE} [{type(error).__name__}: {str(error).strip()[:200]}]", file=sys.stderr)
            return
        if version == "editable":
            shutil.copy2(built, package / built.name)
        else:
            build_data["force_include"][str(built)] = f"namefold/{built.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
