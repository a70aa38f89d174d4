"""The policy: a thin wrapper over any Hugging Face causal LM.

It does four things the trainers need and nothing else: render chat prompts, sample completions in
batches, score given completions token by token (log-probs for the losses), and save/load.

Every batch of (prompt, completion) pairs uses one layout, :class:`CompletionBatch`: prompts padded on
the *left* and completions padded on the *right*, so every completion starts in the same column. That is
the layout ``generate`` produces, so sampled and given completions are scored by the same code, and a
completion's log-probs are one slice of the logits.

Where models come from (the offline default, a path, a tiny random one for tests) is
:mod:`agents.models`; the plumbing the three trainers share is :mod:`agents.training`.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from transformers import (
    GenerationConfig,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    StoppingCriteria,
    StoppingCriteriaList,
)

from agents.lora import has_lora, lora_disabled, merged_state_dict


def select_device(preferred: str | torch.device | None = None) -> torch.device:
    """``preferred`` when given, else CUDA when available, else the CPU."""
    if preferred is not None:
        return torch.device(preferred)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def fast_dtype(device: str | torch.device | None = None) -> str | None:
    """``"bfloat16"`` where it is fast — CUDA, or a CPU with AVX-512 BF16 or AMX — else None (keep the
    checkpoint's float32): without those instructions bfloat16 is emulated, and a forward pass of the
    default model ran 6x slower than in float32 on an AVX2-only AMD EPYC."""
    if select_device(device).type == "cuda":
        return "bfloat16"
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    return "bfloat16" if re.search(r"\b(avx512_bf16|amx_bf16)\b", flags) else None


def format_chat(tokenizer: PreTrainedTokenizerBase, user_message: str, system_prompt: str | None = None) -> str:
    """The prompt text for one user turn, ending where the assistant's reply begins.

    Uses the tokenizer's chat template when it has one; otherwise a plain ``System:/User:/Assistant:``
    transcript that starts with the BOS token (if any). Tokenise the result with
    ``add_special_tokens=False``: the special tokens are already in the text.
    """
    messages = [{"role": "user", "content": user_message}]
    if system_prompt is not None:
        messages.insert(0, {"role": "system", "content": system_prompt})
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    turns = [f"{message['role'].capitalize()}: {message['content']}" for message in messages]
    return (tokenizer.bos_token or "") + "\n\n".join(turns) + "\n\nAssistant:"


@dataclass
class CompletionBatch:
    """Token ids of (prompt, completion) pairs: prompts left-padded, completions right-padded.

    Masks are 1 on real tokens. A completion's real tokens run up to and including its first EOS (a
    completion cut off by a length limit has no EOS).
    """

    prompt_ids: torch.Tensor
    prompt_mask: torch.Tensor
    completion_ids: torch.Tensor
    completion_mask: torch.Tensor

    def __len__(self) -> int:
        return self.prompt_ids.shape[0]

    @property
    def input_ids(self) -> torch.Tensor:
        return torch.cat([self.prompt_ids, self.completion_ids], dim=1)

    @property
    def attention_mask(self) -> torch.Tensor:
        return torch.cat([self.prompt_mask, self.completion_mask], dim=1)

    def to(self, device: torch.device | str) -> CompletionBatch:
        return CompletionBatch(*(tensor.to(device) for tensor in dataclasses.astuple(self)))

    def select(self, rows: torch.Tensor | Sequence[int]) -> CompletionBatch:
        """The given rows, with columns that are padding in every selected row dropped."""
        rows = torch.as_tensor(rows, device=self.prompt_ids.device)
        prompt_mask = self.prompt_mask[rows]
        completion_mask = self.completion_mask[rows]
        first_prompt_column = int(prompt_mask.any(dim=0).int().argmax())
        completion_width = int(completion_mask.any(dim=0).sum())
        return CompletionBatch(
            self.prompt_ids[rows][:, first_prompt_column:],
            prompt_mask[:, first_prompt_column:],
            self.completion_ids[rows][:, :completion_width],
            completion_mask[:, :completion_width],
        )


def concatenate_batches(batches: Sequence[CompletionBatch], pad_token_id: int) -> CompletionBatch:
    """Stack batches of different widths into one, keeping the left/right padding layout."""
    prompt_width = max(batch.prompt_ids.shape[1] for batch in batches)
    completion_width = max(batch.completion_ids.shape[1] for batch in batches)

    def pad(tensor: torch.Tensor, width: int, value: int, left: bool) -> torch.Tensor:
        missing = width - tensor.shape[1]
        return nn.functional.pad(tensor, (missing, 0) if left else (0, missing), value=value)

    return CompletionBatch(
        torch.cat([pad(b.prompt_ids, prompt_width, pad_token_id, left=True) for b in batches]),
        torch.cat([pad(b.prompt_mask, prompt_width, 0, left=True) for b in batches]),
        torch.cat([pad(b.completion_ids, completion_width, pad_token_id, left=False) for b in batches]),
        torch.cat([pad(b.completion_mask, completion_width, 0, left=False) for b in batches]),
    )


def _pad_rows(rows: Sequence[Sequence[int]], pad_token_id: int, left: bool) -> tuple[torch.Tensor, torch.Tensor]:
    width = max((len(row) for row in rows), default=0)
    ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        if not row:
            continue
        columns = slice(width - len(row), width) if left else slice(0, len(row))
        ids[i, columns] = torch.tensor(row, dtype=torch.long)
        mask[i, columns] = 1
    return ids, mask


def _prompt_token_rows(
    tokenizer: PreTrainedTokenizerBase, prompts: Sequence[str], max_prompt_tokens: int | None
) -> list[list[int]]:
    rows = tokenizer(list(prompts), add_special_tokens=False)["input_ids"]
    # Keep the end of an over-long prompt: that is where the instruction and the assistant turn are.
    return [row[-max_prompt_tokens:] if max_prompt_tokens else row for row in rows]


def encode_completions(
    tokenizer: PreTrainedTokenizerBase,
    prompts: Sequence[str],
    completions: Sequence[str],
    *,
    max_prompt_tokens: int | None = None,
    max_completion_tokens: int | None = None,
) -> CompletionBatch:
    """Tokenise (prompt, completion) pairs; each completion gets an EOS so the model learns to stop.

    Prompt and completion are tokenised separately, as in generation, so the boundary between them is
    exact. Over-long prompts lose their beginning; over-long completions lose their end (and the EOS).
    """
    if len(prompts) != len(completions):
        raise ValueError(f"{len(prompts)} prompts but {len(completions)} completions")
    if tokenizer.eos_token_id is None:
        raise ValueError("the tokenizer has no EOS token, so completions cannot be terminated")
    prompt_rows = _prompt_token_rows(tokenizer, prompts, max_prompt_tokens)
    completion_rows = [
        row + [tokenizer.eos_token_id] for row in tokenizer(list(completions), add_special_tokens=False)["input_ids"]
    ]
    if max_completion_tokens:
        completion_rows = [row[:max_completion_tokens] for row in completion_rows]
    pad_token_id = pad_token_id_of(tokenizer)
    return CompletionBatch(
        *_pad_rows(prompt_rows, pad_token_id, left=True),
        *_pad_rows(completion_rows, pad_token_id, left=False),
    )


def pad_token_id_of(tokenizer: PreTrainedTokenizerBase) -> int:
    """The pad id, falling back to EOS: padding is always masked, so any id works."""
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    if pad is None:
        raise ValueError("the tokenizer has neither a pad nor an EOS token")
    return pad


def _accepts(model: nn.Module, argument: str) -> bool:
    return argument in inspect.signature(model.forward).parameters


def forward_logits(model: nn.Module, batch: CompletionBatch, keep_last: int | None = None) -> torch.Tensor:
    """Logits over ``batch.input_ids`` (only the last ``keep_last`` positions when given).

    Position ids are counted from each row's first real token, so a left-padded prompt sees the same
    positions as it would unpadded (and as it did during ``generate``).
    """
    attention_mask = batch.attention_mask
    inputs = {"input_ids": batch.input_ids, "attention_mask": attention_mask}
    if _accepts(model, "position_ids"):
        inputs["position_ids"] = (attention_mask.cumsum(dim=1) - 1).clamp(min=0)
    if keep_last is not None and _accepts(model, "logits_to_keep"):
        # Saves materialising vocabulary-sized logits for every prompt position.
        inputs["logits_to_keep"] = keep_last
    logits = model(**inputs, use_cache=False).logits
    return logits if keep_last is None else logits[:, -keep_last:]


def completion_logprobs(
    model: nn.Module, batch: CompletionBatch, temperature: float = 1.0
) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-token log-probs of each completion given its prompt, and the mask of real tokens.

    Both are ``[batch, completion_width]``; log-probs are 0 where the mask is False. ``temperature``
    divides the logits first, matching a sampler that used the same temperature.
    """
    width = batch.completion_ids.shape[1]
    # The logit at position t predicts token t + 1: completion tokens are predicted from the last prompt
    # position up to the second-to-last completion position.
    logits = forward_logits(model, batch, keep_last=width + 1)[:, :-1]
    # float32 because the losses take differences of nearly equal log-probs (ratios, DPO margins).
    log_distribution = torch.log_softmax(logits.float() / temperature, dim=-1)
    logprobs = log_distribution.gather(-1, batch.completion_ids.unsqueeze(-1)).squeeze(-1)
    mask = batch.completion_mask.bool()
    # where, not multiply: logits at padding can be non-finite, and 0 * inf is NaN.
    return torch.where(mask, logprobs, torch.zeros_like(logprobs)), mask


def mask_after_first_eos(completion_ids: torch.Tensor, eos_token_ids: Sequence[int]) -> torch.Tensor:
    """1 on every token up to and including the first EOS of each row, 0 after it."""
    is_eos = torch.isin(completion_ids, torch.as_tensor(list(eos_token_ids), device=completion_ids.device))
    eos_before = is_eos.long().cumsum(dim=1) - is_eos.long()
    return (eos_before == 0).long()


def answer_complete(text: str) -> bool:
    """Whether a response has said all it will say that the environment reads.

    True once ``</solution>`` appears, or once a fenced code block has closed (outside an open
    ``<thinking>`` block, where a reply may quote code) and what follows the closing fence is neither
    blank nor the beginning of ``</solution>``: the environment's parser takes the last ``<solution>``
    block, else the last fenced block, so nothing written after that point changes the program.
    """
    if "</solution>" in text:
        return True
    if text.count("<thinking>") > text.count("</thinking>"):
        return False
    fences = text.count("```")
    if fences < 2 or fences % 2:
        return False
    tail = text[text.rfind("```") + 3 :].lstrip()
    return bool(tail) and not "</solution>".startswith(tail)


class AnswerEndCriteria(StoppingCriteria):
    """Stops each row of a ``generate`` call as soon as :func:`answer_complete` holds for its completion, so
    samples are not spent on the token limit after the answer; remembers where each row stopped.

    ``stop_lengths[row]`` is the number of completion tokens the row had when it stopped (None while it
    runs): ``generate`` pads a stopped row afterwards, and those pads are not the model's.
    """

    def __init__(self, tokenizer: PreTrainedTokenizerBase, prompt_width: int, batch_size: int) -> None:
        self.tokenizer = tokenizer
        self.prompt_width = prompt_width
        self.stop_lengths: list[int | None] = [None] * batch_size

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: object) -> torch.Tensor:
        completion = input_ids[:, self.prompt_width :]
        for row, stop_length in enumerate(self.stop_lengths):
            if stop_length is None and answer_complete(
                self.tokenizer.decode(completion[row].tolist(), skip_special_tokens=True)
            ):
                self.stop_lengths[row] = completion.shape[1]
        return torch.tensor([length is not None for length in self.stop_lengths], device=input_ids.device)

    def mask(self, completion_width: int, device: torch.device) -> torch.Tensor:
        """1 on the tokens each row had when it stopped (every token for a row that never stopped)."""
        lengths = torch.tensor([completion_width if n is None else n for n in self.stop_lengths], device=device)
        return (torch.arange(completion_width, device=device) < lengths.unsqueeze(1)).long()


class StepCallback(StoppingCriteria):
    """Calls ``callback(completion tokens so far)`` after every decoding step of a ``generate`` call (for
    progress reports); never stops a row."""

    def __init__(self, callback: Callable[[int], None], prompt_width: int) -> None:
        self.callback = callback
        self.prompt_width = prompt_width

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: object) -> torch.Tensor:
        self.callback(input_ids.shape[1] - self.prompt_width)
        return torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)


@dataclass
class Generation:
    """Sampled completions: their tokens (with the prompts'), their decoded text, and which of them ended
    (on EOS or at the end of the answer) rather than at the token limit."""

    batch: CompletionBatch
    texts: list[str]
    finished: torch.Tensor
    """``[batch]`` bool: the completion ended before the token limit"""

    @property
    def num_completion_tokens(self) -> int:
        return int(self.batch.completion_mask.sum())


class Policy:
    """A causal LM, its tokenizer and its device, with sampling and scoring in the batch layout above."""

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        device: str | torch.device | None = None,
    ) -> None:
        self.device = select_device(device)
        self.model = model.to(self.device)
        self.tokenizer = tokenizer

    @property
    def eos_token_ids(self) -> list[int]:
        """Every id that ends a reply (some models stop on several, e.g. end-of-turn and end-of-text)."""
        configured = getattr(self.model.generation_config, "eos_token_id", None)
        ids = configured if configured is not None else self.tokenizer.eos_token_id
        return list(ids) if isinstance(ids, (list, tuple)) else [ids]

    def chat_prompt(self, user_message: str, system_prompt: str | None = None) -> str:
        """``format_chat`` with this policy's tokenizer."""
        return format_chat(self.tokenizer, user_message, system_prompt)

    def prompt_texts(
        self, user_messages: Sequence[str], chat_template: bool = True, system_prompt: str | None = None
    ) -> list[str]:
        """What the model reads for each user message: ``chat_prompt`` of it, or, with ``chat_template``
        off, the message itself. An empty ``system_prompt`` means no system turn."""
        if not chat_template:
            return list(user_messages)
        return [self.chat_prompt(message, system_prompt or None) for message in user_messages]

    def encode(
        self,
        prompts: Sequence[str],
        completions: Sequence[str],
        *,
        max_prompt_tokens: int | None = None,
        max_completion_tokens: int | None = None,
    ) -> CompletionBatch:
        """``encode_completions`` with this tokenizer, on this device."""
        batch = encode_completions(
            self.tokenizer,
            prompts,
            completions,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
        )
        return batch.to(self.device)

    def completion_logprobs(
        self, batch: CompletionBatch, temperature: float = 1.0
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """``completion_logprobs`` with this model."""
        return completion_logprobs(self.model, batch.to(self.device), temperature)

    @torch.no_grad()
    def generate(
        self,
        prompts: Sequence[str],
        *,
        max_new_tokens: int = 256,
        temperature: float = 1.0,
        top_p: float = 1.0,
        greedy: bool = False,
        max_prompt_tokens: int | None = None,
        stop_at_answer_end: bool = True,
        on_step: Callable[[int], None] | None = None,
    ) -> Generation:
        """Sample one completion per prompt (the whole list is one left-padded batch).

        Sampling is from softmax(logits / temperature), truncated to the top-p nucleus; top-k is off, so
        with ``top_p=1`` the samples follow exactly the distribution that ``completion_logprobs`` scores.
        With ``stop_at_answer_end`` each row also stops once its answer is complete
        (:func:`answer_complete`); its completion is then the tokens sampled up to that point.
        ``on_step(tokens)`` is called after each decoding step with the completion length so far.
        """
        pad_token_id = pad_token_id_of(self.tokenizer)
        prompt_ids, prompt_mask = _pad_rows(
            _prompt_token_rows(self.tokenizer, prompts, max_prompt_tokens), pad_token_id, left=True
        )
        prompt_ids, prompt_mask = prompt_ids.to(self.device), prompt_mask.to(self.device)
        sampling = {} if greedy else {"do_sample": True, "temperature": temperature, "top_p": top_p, "top_k": 0}
        config = GenerationConfig(
            max_new_tokens=max_new_tokens,
            pad_token_id=pad_token_id,
            eos_token_id=self.eos_token_ids,
            **sampling,
        )
        answer_end = AnswerEndCriteria(self.tokenizer, prompt_ids.shape[1], len(prompts))
        sequences = self.model.generate(
            input_ids=prompt_ids,
            attention_mask=prompt_mask,
            generation_config=config,
            stopping_criteria=StoppingCriteriaList(
                ([answer_end] if stop_at_answer_end else [])
                + ([StepCallback(on_step, prompt_ids.shape[1])] if on_step else [])),
        )
        completion_ids = sequences[:, prompt_ids.shape[1] :]
        eos_mask = mask_after_first_eos(completion_ids, self.eos_token_ids)
        completion_mask = eos_mask * answer_end.mask(completion_ids.shape[1], completion_ids.device)
        completion_ids = completion_ids.masked_fill(completion_mask == 0, pad_token_id)
        reached_eos = (
            torch.isin(completion_ids, torch.tensor(self.eos_token_ids, device=completion_ids.device))
            & completion_mask.bool()
        ).any(dim=1)
        stopped = torch.tensor([n is not None for n in answer_end.stop_lengths], device=completion_ids.device)
        texts = self.tokenizer.batch_decode(
            [ids[mask.bool()].tolist() for ids, mask in zip(completion_ids, completion_mask)],
            skip_special_tokens=True,
        )
        return Generation(
            CompletionBatch(prompt_ids, prompt_mask, completion_ids, completion_mask), texts, reached_eos | stopped
        )

    def save(self, path: str | os.PathLike) -> None:
        """``save_pretrained`` of model and tokenizer (LoRA adapters merged into plain weights)."""
        save_pretrained(self.model, self.tokenizer, path)


class FrozenReference:
    """The policy as it was when training started, for DPO and KL terms.

    A frozen deep copy of the model; or, when the model carries LoRA adapters, the model itself with the
    adapters switched off, which is the frozen base model at no extra memory. Create it after
    ``apply_lora`` and before the first optimiser step.
    """

    def __init__(self, model: nn.Module) -> None:
        self.model = model if has_lora(model) else copy.deepcopy(model).requires_grad_(False).eval()

    @torch.no_grad()
    def completion_logprobs(
        self, batch: CompletionBatch, temperature: float = 1.0
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """``completion_logprobs`` under the reference policy (no gradient)."""
        with lora_disabled(self.model):
            return completion_logprobs(self.model, batch, temperature)


def save_pretrained(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, path: str | os.PathLike) -> None:
    """Write a checkpoint any ``from_pretrained`` can read; LoRA adapters are merged into the weights."""
    state_dict = merged_state_dict(model) if has_lora(model) else None
    model.save_pretrained(path, state_dict=state_dict)
    tokenizer.save_pretrained(path)
