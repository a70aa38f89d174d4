"""agents/cli.py: ``burner iof`` refuses a device or model it cannot use, in the project's words."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from agents.cli import check_device, load_model  # noqa: E402


def test_devices_are_checked_before_the_model_loads():
    check_device(None)
    check_device("cpu")
    with pytest.raises(ValueError, match="--device gpu0: not a torch device"):
        check_device("gpu0")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="--device cuda:1: CUDA is not available"):
            check_device("cuda:1")


def test_a_model_that_is_not_there_is_named_in_our_words():
    with pytest.raises(ValueError, match=r"--model no-such-org/no-such-model: not a model folder, and not a "
                                         r"model already in the local Hugging Face cache \(nothing is downloaded"):
        load_model("no-such-org/no-such-model", device="cpu", dtype=None)
