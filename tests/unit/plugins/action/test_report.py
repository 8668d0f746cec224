"""netsec.srx_vpn.report: the file rendering and writing its action plugin does on the controller."""
import json
import os
import stat

from ansible_collections.netsec.srx_vpn.plugins.action.report import render, write_if_changed


def test_text_gets_one_final_newline_and_data_becomes_sorted_indented_json():
    assert render("flowchart LR") == "flowchart LR\n"
    assert render("done\n") == "done\n"
    text = render({"warnings": [], "allocation": {"hub": 1}})
    assert text.endswith("}\n") and json.loads(text) == {"warnings": [], "allocation": {"hub": 1}}
    assert text.index('"allocation"') < text.index('"warnings"')
    assert render([1, 2]) == "[\n    1,\n    2\n]\n"


def test_a_file_is_written_once_and_left_alone_while_its_content_holds(tmp_path):
    path = str(tmp_path / "vpn-topology.mmd")
    assert write_if_changed(path, "a\n", 0o640) is True
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    before = os.stat(path).st_mtime_ns
    assert write_if_changed(path, "a\n", 0o640) is False
    assert os.stat(path).st_mtime_ns == before
    assert write_if_changed(path, "b\n", 0o640) is True
    assert open(path).read() == "b\n"
    assert sorted(os.listdir(tmp_path)) == ["vpn-topology.mmd"]  # no temporary file left behind
