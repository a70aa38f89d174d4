"""Reference agents for burner-env: a policy wrapper over Hugging Face causal LMs and SFT/DPO/GRPO.

Names are imported on first use so that ``import agents.prompts`` (plain Python, used by the
environment) never pulls in torch; everything else needs the ``agents`` extra
(``pip install burner-env[agents]``).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Policy": "agents.lm",
    "CompletionBatch": "agents.lm",
    "Generation": "agents.lm",
    "FrozenReference": "agents.lm",
    "DEFAULT_MODEL": "agents.lm",
    "load_policy": "agents.lm",
    "load_default_model": "agents.lm",
    "tiny_model": "agents.lm",
    "completion_logprobs": "agents.lm",
    "select_device": "agents.lm",
    "SYSTEM_PROMPT": "agents.prompts",
    "render_prompt": "agents.prompts",
    "format_response": "agents.prompts",
    "extract_code": "agents.prompts",
    "follows_format": "agents.prompts",
    "apply_lora": "agents.lora",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'agents' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
