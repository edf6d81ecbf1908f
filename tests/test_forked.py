"""The harness that runs PDF layout in a child: results come back, crashes fail one test."""

import faulthandler
import os
import signal

import pytest

from tests.forked import run_forked


def _double(value):
    return value * 2


def _crash():
    faulthandler.disable()  # no stack dump in the test output for this planned crash
    os.kill(os.getpid(), signal.SIGSEGV)


def _raise():
    raise ValueError("in the child")


def test_the_result_comes_back_from_the_child():
    assert run_forked(_double, 21) == 42


def test_a_crash_in_the_child_fails_the_test_and_not_the_run():
    with pytest.raises(pytest.fail.Exception, match="exit code -11"):
        run_forked(_crash)


def test_an_exception_in_the_child_fails_with_its_traceback():
    with pytest.raises(pytest.fail.Exception, match="ValueError: in the child"):
        run_forked(_raise)
