"""Running ``reader`` in-process for the CLI tests: exit status, stdout and stderr."""

from reader.cli import main


def run_cli(capsys, *argv):
    """``(status, stdout, stderr)`` of ``reader ARGV``; argparse's exits are caught too."""
    try:
        status = main([str(a) for a in argv])
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def assert_user_error(result, *fragments):
    """Exit status 2, nothing on stdout, and a one-line message (after argparse's usage lines)
    naming every fragment."""
    status, out, err = result
    assert status == 2, (status, out, err)
    assert out == ""
    message = err.rstrip("\n").split("\n")[-1]
    assert message.startswith("reader"), err
    for fragment in fragments:
        assert str(fragment) in message, (fragment, message)
    return message
