# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of netsec.srx_vpn.report: the files are written here, on the controller, without a module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

ARGUMENT_SPEC = {
    "dest": {"type": "path", "required": True},
    "files": {"type": "dict", "required": True},
    "mode": {"type": "str", "default": "0644"},
}


def render(content):
    """The text of one report file: strings as they are, data as indented JSON; always one final newline."""
    if isinstance(content, (dict, list)):
        text = json.dumps(content, indent=4, sort_keys=True, default=to_text)
    else:
        text = to_text(content)
    return text if text.endswith("\n") else text + "\n"


def current_text(path):
    try:
        with open(path, encoding="utf-8") as current:
            return current.read()
    except FileNotFoundError:
        return None


def write_if_changed(path, text, mode):
    """Atomically replace path with text unless it already holds it; True when written."""
    if current_text(path) == text:
        return False
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".report-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)[1]
        try:
            mode = int(args["mode"], 8)
        except ValueError:
            return dict(result, failed=True, msg="mode must be octal permissions such as 0644, got %r" % args["mode"])
        for name in args["files"]:
            if not name or os.path.basename(name) != name or name in (".", ".."):
                return dict(result, failed=True, msg="files: %r is not a plain file name (no directory part)" % name)
        dest = args["dest"]
        paths = [os.path.join(dest, name) for name in sorted(args["files"])]
        written = []
        try:
            if not self._task.check_mode:
                os.makedirs(dest, mode=0o755, exist_ok=True)
            for path in paths:
                text = render(args["files"][os.path.basename(path)])
                if self._task.check_mode:
                    if current_text(path) != text:
                        written.append(path)
                elif write_if_changed(path, text, mode):
                    written.append(path)
        except OSError as exc:
            return dict(result, failed=True, msg="cannot write the report in %s: %s" % (dest, exc))
        return dict(result, changed=bool(written), written=written, files=paths)
