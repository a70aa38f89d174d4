"""The prompt format, for the trainers: it is the environment's text contract, so it lives in
:mod:`burner_env.prompts` (and parsing in :mod:`burner_env.parsing`); the names are re-exported here."""

from __future__ import annotations

from burner_env.parsing import extract_code, follows_format
from burner_env.prompts import (
    EFFICIENCY_INSTRUCTIONS,
    SYSTEM_PROMPT,
    format_rate,
    format_response,
    observation_messages,
    observation_prompt,
    render_prompt,
)

__all__ = ["EFFICIENCY_INSTRUCTIONS", "SYSTEM_PROMPT", "extract_code", "follows_format", "format_rate",
           "format_response", "observation_messages", "observation_prompt", "render_prompt"]
