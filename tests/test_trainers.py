"""SFT, DPO and GRPO (agents/sft.py, dpo.py, grpo.py): the maths as pure functions, then short training
runs on tiny random models that must move in the right direction. No download; seconds on a CPU."""

import dataclasses
import json
import math
import re
import string
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("tensorboard")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator  # noqa: E402

from agents import dpo, grpo, sft  # noqa: E402
from agents.lm import Policy  # noqa: E402
from agents.models import load_policy, tiny_model  # noqa: E402

LOWERCASE = set(string.ascii_lowercase)


def test_the_fields_the_trainers_share_agree():
    """The configs are self-contained (docs/AGENTS.md): a field the three share has one type and one default."""
    fields = [{field.name: field for field in dataclasses.fields(module.Config)} for module in (sft, dpo, grpo)]
    shared = set(fields[0]) & set(fields[1]) & set(fields[2])
    assert {"data", "model", "seed", "output_dir", "lora_rank", "max_prompt_tokens"} <= shared
    for name in shared - {"learning_rate"}:  # each algorithm has its own learning rate
        assert len({(str(f[name].type), repr(f[name].default)) for f in fields}) == 1, name


@pytest.fixture(autouse=True)
def single_threaded_torch():
    """Tiny models gain nothing from intra-op threads, and on a busy machine the threads thrash (~50x)."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture
def policy():
    model, tokenizer = tiny_model(seed=0)
    return Policy(model, tokenizer, device="cpu")


def scalar_tags(folder) -> set[str]:
    events = EventAccumulator(str(folder))
    events.Reload()
    return set(events.Tags()["scalars"])


def scalar_values(folder, tag) -> list[float]:
    events = EventAccumulator(str(folder))
    events.Reload()
    return [event.value for event in events.Scalars(tag)]


# --- SFT ----------------------------------------------------------------------------------------


def test_sft_labels_ignore_prompt_and_padding(policy):
    batch = policy.encode(["ab", "abcd"], ["x", "xyz"])
    labels = sft.sft_labels(batch)
    prompt_width = batch.prompt_ids.shape[1]
    assert torch.all(labels[:, :prompt_width] == sft.IGNORE_INDEX)
    completion_labels = labels[:, prompt_width:]
    assert torch.equal(completion_labels != sft.IGNORE_INDEX, batch.completion_mask.bool())
    assert torch.equal(
        completion_labels[batch.completion_mask.bool()], batch.completion_ids[batch.completion_mask.bool()]
    )


def test_cross_entropy_ignores_what_happens_at_prompt_positions():
    torch.manual_seed(0)
    logits = torch.randn(2, 6, 11)
    labels = torch.tensor([[-100, -100, -100, 3, 4, 5], [-100, -100, 1, 2, -100, -100]])
    loss = sft.completion_cross_entropy(logits, labels)
    # Positions 0-1 predict prompt tokens (labels 1-2 of row 0 are ignored), so scrambling them is harmless.
    scrambled = logits.clone()
    scrambled[0, :2] = torch.randn(2, 11) * 10
    scrambled[1, 0] = torch.randn(11) * 10
    assert sft.completion_cross_entropy(scrambled, labels) == loss
    # The same logits with a prompt label made visible give a different loss.
    exposed = labels.clone()
    exposed[0, 1] = 7
    assert sft.completion_cross_entropy(logits, exposed) != loss


def test_cross_entropy_is_the_mean_over_counted_tokens():
    logits = torch.zeros(1, 4, 5)  # uniform predictions: every counted token costs log 5
    labels = torch.tensor([[-100, 1, 2, -100]])
    assert math.isclose(sft.completion_cross_entropy(logits, labels).item(), math.log(5), rel_tol=1e-6)


def test_sft_loss_does_not_depend_on_prompt_labels_but_does_on_completion(policy):
    batch = policy.encode(["abc", "de"], ["xyz", "w"])
    loss = sft.sft_loss(policy.model, batch)
    by_hand = -policy.completion_logprobs(batch)[0].sum() / batch.completion_mask.sum()
    torch.testing.assert_close(loss, by_hand)


def test_sft_loss_falls_on_a_fixed_batch(policy):
    batch = policy.encode(["2+2=", "3+3="], ["4", "6"])
    optimizer = torch.optim.AdamW(policy.model.parameters(), lr=1e-2)
    losses = []
    for _ in range(15):
        loss = sft.sft_loss(policy.model, batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]


def test_sft_train_logs_and_saves_a_loadable_checkpoint(policy, tmp_path):
    records = [{"prompt": f"say {c}", "completion": c * 3} for c in "abcd"]
    config = sft.Config(output_dir=str(tmp_path), num_epochs=3, batch_size=2, learning_rate=1e-2, save_every=3)
    sft.train(config, policy=policy, records=records)
    assert {"losses/cross_entropy", "losses/grad_norm", "charts/tokens_per_s"} <= scalar_tags(tmp_path)
    losses = scalar_values(tmp_path, "losses/cross_entropy")
    assert len(losses) == 6 and losses[-1] < losses[0]
    assert (tmp_path / "checkpoint-3" / "config.json").exists()
    load_policy(str(tmp_path / "final"), device="cpu")


def test_sft_warm_start_lowers_held_out_loss_and_raises_the_format_rate(tmp_path):
    from agents.prompts import format_response

    model, tokenizer = tiny_model(seed=0, hidden_size=64)
    policy = Policy(model, tokenizer, device="cpu")
    pairs = [{"prompt": f"task {i}:", "completion": format_response("fast", f"x = {i}")} for i in range(24)]
    config = sft.Config(output_dir=str(tmp_path), num_epochs=40, batch_size=8, learning_rate=1e-2, eval_every=40,
                        chat_template=False, eval_max_new_tokens=72)
    held_out = pairs[::4]
    sft.train(config, policy=policy, records=[pair for pair in pairs if pair not in held_out], eval_records=held_out)
    rates = scalar_values(tmp_path, "eval/format_rate")
    losses = scalar_values(tmp_path, "eval/cross_entropy")
    assert len(rates) == len(losses) == 4  # before, every 40 of the 120 steps, and after
    assert rates[0] == 0.0 and rates[-1] == 1.0, rates
    assert scalar_values(tmp_path, "eval/strict_format_rate")[-1] == 1.0
    assert losses[-1] < 0.1 * losses[0], losses


def test_sft_main_reads_jsonl(tmp_path):
    model, tokenizer = tiny_model(seed=1)
    Policy(model, tokenizer, device="cpu").save(tmp_path / "tiny")
    data = tmp_path / "pairs.jsonl"
    data.write_text("\n".join(json.dumps({"prompt": "p", "completion": c}) for c in ["x", "y", "z"]))
    sft.main(
        [
            "--model",
            str(tmp_path / "tiny"),
            "--data",
            str(data),
            "--output-dir",
            str(tmp_path / "run"),
            "--num-epochs",
            "1",
            "--batch-size",
            "2",
            "--device",
            "cpu",
            "--lora-rank",
            "2",
        ]
    )
    assert (tmp_path / "run" / "final" / "config.json").exists()


def test_main_without_data_explains(capsys):
    with pytest.raises(SystemExit, match="--data is required"):
        sft.main([])


@pytest.mark.parametrize("module", [sft, dpo, grpo])
def test_help_works(module, capsys):
    with pytest.raises(SystemExit) as exit_info:
        module.main(["--help"])
    assert exit_info.value.code == 0
    assert "--learning-rate" in capsys.readouterr().out


# --- DPO ----------------------------------------------------------------------------------------


def test_dpo_loss_is_log2_when_policy_equals_reference():
    logps = torch.tensor([-3.0, -7.0])
    loss, chosen, rejected = dpo.dpo_loss(logps, logps + 1, logps, logps + 1, beta=0.1)
    assert math.isclose(loss.item(), math.log(2), rel_tol=1e-6)
    assert torch.all(chosen == 0) and torch.all(rejected == 0)


def test_dpo_loss_formula_and_gradient_direction():
    chosen = torch.tensor([-5.0], requires_grad=True)
    rejected = torch.tensor([-4.0], requires_grad=True)
    loss, chosen_reward, rejected_reward = dpo.dpo_loss(
        chosen, rejected, torch.tensor([-6.0]), torch.tensor([-3.0]), 0.5
    )
    margin = 0.5 * ((-5.0 + 6.0) - (-4.0 + 3.0))
    assert math.isclose(loss.item(), -math.log(1 / (1 + math.exp(-margin))), rel_tol=1e-6)
    assert math.isclose(chosen_reward.item(), 0.5) and math.isclose(rejected_reward.item(), -0.5)
    loss.backward()
    assert chosen.grad.item() < 0 < rejected.grad.item()  # descent raises chosen, lowers rejected


def test_dpo_margin_rises(policy):
    records = [{"prompt": "pick one", "chosen": "good answer", "rejected": "bad reply"}] * 2
    config = dpo.Config(beta=0.5, chat_template=False)
    batch = dpo.encode_pairs(policy, config, records)
    reference = dpo.FrozenReference(policy.model)
    reference_logps = reference.completion_logprobs(batch)[0].sum(dim=1)
    optimizer = torch.optim.AdamW(policy.model.parameters(), lr=3e-3)
    margins = []
    for _ in range(10):
        logps = dpo.sequence_logprobs(policy.model, batch)
        loss, chosen, rejected = dpo.dpo_loss(logps[:2], logps[2:], reference_logps[:2], reference_logps[2:], 0.5)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        margins.append((chosen - rejected).mean().item())
    assert margins[0] == pytest.approx(0, abs=1e-5)
    assert margins[-1] > 1.0


def test_dpo_train_logs_rewards(policy, tmp_path):
    records = [{"prompt": f"q{i}", "chosen": "yes", "rejected": "no!"} for i in range(4)]
    config = dpo.Config(output_dir=str(tmp_path), num_epochs=4, batch_size=2, learning_rate=3e-3, beta=0.5)
    dpo.train(config, policy=policy, records=records)
    tags = scalar_tags(tmp_path)
    assert {"losses/dpo", "charts/reward_margin", "charts/reward_accuracy", "charts/rewards_chosen"} <= tags
    margins = scalar_values(tmp_path, "charts/reward_margin")
    assert margins[-1] > margins[0]
    assert (tmp_path / "final" / "config.json").exists()


def test_dpo_with_lora_uses_the_adapter_free_model_as_reference(policy, tmp_path):
    records = [{"prompt": "q", "chosen": "yes", "rejected": "no!"}] * 2
    config = dpo.Config(output_dir=str(tmp_path), num_epochs=3, batch_size=2, learning_rate=1e-2, lora_rank=4)
    dpo.train(config, policy=policy, records=records)
    assert scalar_values(tmp_path, "charts/reward_margin")[-1] > 0


# --- GRPO maths ---------------------------------------------------------------------------------


def test_group_advantages_are_zero_for_equal_rewards():
    rewards = torch.tensor([[0.5, 0.5, 0.5, 0.5], [0.0, 1.0, 0.0, 1.0]])
    for scale in (True, False):
        advantages = grpo.group_advantages(rewards, scale_by_std=scale)
        assert torch.all(advantages[0] == 0)
        assert torch.all(advantages[1] != 0)


@given(st.lists(st.lists(st.floats(-100, 100), min_size=4, max_size=4), min_size=1, max_size=5))
@settings(max_examples=50, deadline=None)
def test_group_advantages_are_centred_and_ordered(rows):
    rewards = torch.tensor(rows, dtype=torch.float64)
    for scale in (True, False):
        advantages = grpo.group_advantages(rewards, scale_by_std=scale)
        torch.testing.assert_close(
            advantages.sum(dim=1), torch.zeros(len(rows), dtype=torch.float64), atol=1e-6, rtol=0
        )
        # A higher reward never gets a lower advantage within its group.
        for reward_row, advantage_row in zip(rewards, advantages):
            order = torch.argsort(reward_row)
            assert torch.all(advantage_row[order].diff() >= -1e-9)


def test_group_advantages_std_scaling():
    rewards = torch.tensor([[0.0, 2.0]])
    torch.testing.assert_close(grpo.group_advantages(rewards, scale_by_std=False), torch.tensor([[-1.0, 1.0]]))
    scaled = grpo.group_advantages(rewards, scale_by_std=True, eps=0.0)
    torch.testing.assert_close(scaled, torch.tensor([[-1.0, 1.0]]) / math.sqrt(2))


def test_group_advantages_need_groups():
    with pytest.raises(ValueError):
        grpo.group_advantages(torch.tensor([[1.0], [2.0]]))


@given(st.lists(st.tuples(st.floats(-20, 0), st.floats(-20, 0)), min_size=1, max_size=20))
def test_k3_is_non_negative_and_zero_at_equality(pairs):
    logprobs = torch.tensor([p for p, _ in pairs], dtype=torch.float64)
    reference = torch.tensor([r for _, r in pairs], dtype=torch.float64)
    assert torch.all(grpo.k3_kl(logprobs, reference) >= 0)
    assert torch.all(grpo.k3_kl(logprobs, logprobs) == 0)


def test_k3_is_an_unbiased_kl_estimate():
    p = torch.tensor([0.7, 0.2, 0.1])
    q = torch.tensor([0.4, 0.4, 0.2])
    exact = (p * (p / q).log()).sum()
    expected_k3 = (p * grpo.k3_kl(p.log(), q.log())).sum()  # expectation over samples from p
    torch.testing.assert_close(expected_k3, exact)


def test_aggregation_modes():
    values = torch.tensor([[1.0, 1.0, 1.0, 1.0], [4.0, 0.0, 99.0, 99.0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 0, 0, 0]])
    assert grpo.aggregate(values, mask, "token-mean").item() == pytest.approx(8 / 5)
    assert grpo.aggregate(values, mask, "sequence-mean").item() == pytest.approx((1 + 4) / 2)
    with pytest.raises(ValueError):
        grpo.aggregate(values, mask, "sum")


def test_grpo_loss_at_ratio_one_is_the_policy_gradient():
    logprobs = torch.tensor([[-1.0, -2.0], [-0.5, -3.0]], requires_grad=True)
    advantages = torch.tensor([1.0, -2.0])
    mask = torch.tensor([[1, 1], [1, 0]])
    loss, stats = grpo.grpo_loss(logprobs, logprobs.detach(), advantages, mask, clip_eps=0.2)
    loss.backward()
    expected = -advantages.unsqueeze(1) * mask / mask.sum()
    torch.testing.assert_close(logprobs.grad, expected)
    assert stats["clip_fraction"] == 0


def test_grpo_loss_clips_ratios_outside_the_trust_region():
    old = torch.tensor([[-1.0, -1.0]])
    # Token 0 already 1.5× likelier (beyond 1 + ε) with a positive advantage: clipped, no gradient.
    logprobs = (old + torch.tensor([[math.log(1.5), 0.0]])).requires_grad_()
    loss, stats = grpo.grpo_loss(logprobs, old, torch.tensor([1.0]), torch.ones(1, 2), clip_eps=0.2)
    loss.backward()
    assert logprobs.grad[0, 0] == 0 and logprobs.grad[0, 1] != 0
    assert stats["clip_fraction"] == 0.5


def test_grpo_loss_kl_term_pulls_towards_the_reference():
    reference = torch.tensor([[-1.0, -1.0]])
    logprobs = torch.tensor([[-0.5, -1.0]], requires_grad=True)
    loss, stats = grpo.grpo_loss(
        logprobs,
        logprobs.detach(),
        torch.zeros(1),
        torch.ones(1, 2),
        0.2,
        reference_logprobs=reference,
        kl_beta=1.0,
    )
    loss.backward()
    assert stats["kl"] > 0
    assert logprobs.grad[0, 0] > 0  # descent lowers the token the policy over-weights vs the reference
    assert logprobs.grad[0, 1] == 0


# --- GRPO training ------------------------------------------------------------------------------


def lowercase_share(prompts, completions, **columns):
    """Synthetic reward: the share of a completion's characters that are lowercase ASCII letters."""
    return [sum(ch in LOWERCASE for ch in text) / max(len(text), 1) for text in completions]


def lowercase_probability(policy, prompt) -> float:
    """Probability that the first completion token is a lowercase letter."""
    ids = torch.tensor([policy.tokenizer(prompt, add_special_tokens=False)["input_ids"]])
    with torch.no_grad():
        distribution = torch.softmax(policy.model(input_ids=ids).logits[0, -1], dim=-1)
    letters = policy.tokenizer.convert_tokens_to_ids(sorted(LOWERCASE))
    return distribution[letters].sum().item()


def grpo_config(tmp_path, **overrides):
    defaults = dict(
        output_dir=str(tmp_path),
        total_steps=12,
        prompts_per_step=4,
        group_size=8,
        generation_batch_size=8,
        max_new_tokens=4,
        learning_rate=1e-2,
        minibatch_size=32,
        chat_template=False,
        reward_workers=2,
    )
    return grpo.Config(**{**defaults, **overrides})


def test_grpo_raises_the_probability_of_rewarded_completions(policy, tmp_path):
    records = [{"prompt": f"prompt {i}:"} for i in range(4)]
    before = lowercase_probability(policy, "prompt 0:")
    grpo.train(grpo_config(tmp_path), policy=policy, records=records, reward_fn=lowercase_share)
    after = lowercase_probability(policy, "prompt 0:")
    assert after > before + 0.2, (before, after)
    rewards = scalar_values(tmp_path, "charts/reward_mean")
    assert sum(rewards[-3:]) / 3 > sum(rewards[:3]) / 3
    expected_tags = {
        "losses/grpo",
        "losses/grad_norm",
        "losses/clip_fraction",
        "charts/reward_mean",
        "charts/samples_per_s",
        "charts/tokens_per_s",
        "charts/reward_wait_fraction",
        "charts/zero_variance_groups",
        "charts/format_rate",
        "charts/truncated_fraction",
    }
    assert expected_tags <= scalar_tags(tmp_path)
    assert all(0 <= value <= 1 for value in scalar_values(tmp_path, "charts/reward_wait_fraction"))


def test_grpo_with_several_updates_per_rollout_and_kl_learns(policy, tmp_path):
    records = [{"prompt": f"prompt {i}:"} for i in range(4)]
    before = lowercase_probability(policy, "prompt 0:")
    config = grpo_config(tmp_path, inner_updates=2, minibatch_size=8, kl_beta=0.1)
    grpo.train(config, policy=policy, records=records, reward_fn=lowercase_share)
    assert lowercase_probability(policy, "prompt 0:") > before + 0.1
    assert all(value >= 0 for value in scalar_values(tmp_path, "losses/kl"))
    assert max(scalar_values(tmp_path, "losses/clip_fraction")) > 0  # later minibatches are off-policy


def test_grpo_with_lora_dr_grpo_options_and_kl_learns(tmp_path):
    model, tokenizer = tiny_model(seed=0)
    # At random init the logits span about ±0.6 and adapters cannot widen that much while the embeddings
    # stay frozen; larger embeddings give LoRA room to move the output distribution.
    with torch.no_grad():
        model.model.embed_tokens.weight.mul_(10)
    policy = Policy(model, tokenizer, device="cpu")
    records = [{"prompt": f"prompt {i}:"} for i in range(4)]
    before = lowercase_probability(policy, "prompt 0:")
    config = grpo_config(
        tmp_path,
        lora_rank=8,
        learning_rate=3e-2,
        scale_rewards=False,
        loss_aggregation="sequence-mean",
        kl_beta=0.1,
    )
    grpo.train(config, policy=policy, records=records, reward_fn=lowercase_share)
    assert lowercase_probability(policy, "prompt 0:") > 1.5 * before
    assert all(value >= 0 for value in scalar_values(tmp_path, "losses/kl"))


def test_grpo_passes_columns_and_runs_rewards_off_the_main_thread(policy, tmp_path):
    seen = []

    def reward(prompts, completions, **columns):
        seen.append((threading.current_thread() is threading.main_thread(), list(prompts), columns))
        return [0.0] * len(completions)

    records = [{"prompt": "a", "problem_id": "p1"}, {"prompt": "b", "problem_id": "p2", "extra": 3}]
    config = grpo_config(tmp_path, total_steps=1, prompts_per_step=2, group_size=2, generation_batch_size=3)
    grpo.train(config, policy=policy, records=records, reward_fn=reward)
    assert len(seen) == 2  # 4 completions in generation batches of 3 and 1
    assert not any(on_main for on_main, _, _ in seen)
    prompts = [p for _, batch_prompts, _ in seen for p in batch_prompts]
    problem_ids = [pid for _, _, columns in seen for pid in columns["problem_id"]]
    extras = [x for _, _, columns in seen for x in columns["extra"]]
    assert sorted(prompts) == ["a", "a", "b", "b"]
    assert sorted(set(zip(prompts, problem_ids))) == [("a", "p1"), ("b", "p2")]
    assert sorted(extras, key=str) == [3, 3, None, None]


def test_rewards_are_computed_while_the_next_batch_generates(policy, monkeypatch):
    delay = 0.3
    real_generate = policy.generate

    def slow_generate(*args, **kwargs):
        time.sleep(delay)
        return real_generate(*args, **kwargs)

    def slow_reward(prompts, completions, **columns):
        time.sleep(delay)
        return [1.0] * len(completions)

    monkeypatch.setattr(policy, "generate", slow_generate)
    config = grpo.Config(group_size=2, generation_batch_size=2, max_new_tokens=2, chat_template=False)
    records = [{"prompt": "a"}, {"prompt": "b"}, {"prompt": "c"}]
    with ThreadPoolExecutor(max_workers=2) as executor:
        samples = grpo.rollout(policy, config, records, slow_reward, [], executor)
    assert samples.rewards.tolist() == [1.0] * 6 and len(samples.texts) == len(samples.batch) == 6
    assert samples.generation_seconds >= 3 * delay
    # Three generation batches: the rewards of the first two are ready by the time generation ends, so
    # only the last one is waited for (computed after generation, the wait would be 3 × delay).
    assert samples.reward_wait_seconds < 2 * delay


def test_informative_groups():
    rewards = torch.tensor([[0.5, 0.5, 0.5], [0.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
    assert grpo.informative_groups(rewards).tolist() == [False, True, False]


def flat_or_lowercase(prompts, completions, **columns):
    """Reward 0.5 whatever the completion for prompts starting "flat" (zero variance), else lowercase_share."""
    varied = lowercase_share(prompts, completions)
    return [0.5 if prompt.startswith("flat") else value for prompt, value in zip(prompts, varied)]


def test_zero_variance_groups_are_counted_and_left_out_of_the_update(policy, tmp_path):
    records = [{"prompt": "flat 0:"}, {"prompt": "flat 1:"}, {"prompt": "varied:"}]
    config = grpo_config(tmp_path, total_steps=3, prompts_per_step=3)
    grpo.train(config, policy=policy, records=records, reward_fn=flat_or_lowercase)
    assert scalar_values(tmp_path, "charts/zero_variance_groups") == [2, 2, 2]
    assert scalar_values(tmp_path, "charts/updated_samples") == [config.group_size] * 3
    assert len(scalar_values(tmp_path, "losses/grpo")) == 3


@pytest.mark.parametrize("skip", [True, False])
def test_a_step_of_zero_variance_groups_moves_nothing_when_skipped(tmp_path, skip):
    """Zero advantages give a zero gradient, yet an AdamW step still decays the weights (and spends its
    moments): skipping the groups skips the step."""
    model, tokenizer = tiny_model(seed=0)
    policy = Policy(model, tokenizer, device="cpu")
    before = {name: value.clone() for name, value in model.state_dict().items()}
    records = [{"prompt": "flat 0:"}, {"prompt": "flat 1:"}]
    config = grpo_config(tmp_path, total_steps=2, prompts_per_step=2, weight_decay=0.1, skip_zero_variance=skip)
    grpo.train(config, policy=policy, records=records, reward_fn=flat_or_lowercase)
    unchanged = all(torch.equal(before[name], value) for name, value in model.state_dict().items())
    assert unchanged is skip
    assert scalar_values(tmp_path, "charts/zero_variance_fraction") == [1.0, 1.0]
    assert scalar_values(tmp_path, "charts/updated_samples") == ([0, 0] if skip else [16, 16])
    assert ("losses/grpo" in scalar_tags(tmp_path)) is not skip


class EpisodeReward:
    """A reward with episodes: the follow-up of a prompt is the prompt with " again"; remembers calls."""

    def __init__(self):
        self.prompts = []
        self.continued = []

    def __call__(self, prompts, completions, **columns):
        self.prompts.extend(prompts)
        return lowercase_share(prompts, completions)

    def continue_episode(self, record, completion):
        self.continued.append((record["prompt"], completion))
        return {**record, "prompt": record["prompt"] + " again", "episode_step": record.get("episode_step", 0) + 1}


def test_grpo_trains_on_episodes_follow_ups_first(policy, tmp_path):
    reward = EpisodeReward()
    records = [{"prompt": f"prompt {i}:"} for i in range(4)]
    # One reward worker, so that calls arrive in order.
    config = grpo_config(tmp_path, total_steps=4, prompts_per_step=2, episode_steps=2, reward_workers=1)
    grpo.train(config, policy=policy, records=records, reward_fn=reward)
    groups = reward.prompts[:: config.group_size]
    # Steps 1 and 3 play two fresh prompts; each is continued once, and its follow-up is the next step.
    assert [prompt.endswith("again") for prompt in groups] == [False, False, True, True] * 2
    assert [prompt for prompt, _ in reward.continued] == [groups[0], groups[1], groups[4], groups[5]]
    assert all(f"{prompt} again" in groups for prompt, _ in reward.continued)
    assert scalar_values(tmp_path, "charts/episode_step_mean") == [0.0, 1.0, 0.0, 1.0]


def test_grpo_episodes_need_a_reward_that_continues_them(policy, tmp_path):
    config = grpo_config(tmp_path, episode_steps=2)
    with pytest.raises(ValueError, match="continue_episode"):
        grpo.train(config, policy=policy, records=[{"prompt": "a"}], reward_fn=lowercase_share)


def test_grpo_rejects_bad_rewards(policy, tmp_path):
    records = [{"prompt": "a"}]
    config = grpo_config(tmp_path, total_steps=1, prompts_per_step=1, group_size=2)
    with pytest.raises(ValueError, match="returned 1 rewards for 2"):
        grpo.train(config, policy=policy, records=records, reward_fn=lambda p, c, **k: [1.0])
    with pytest.raises(ValueError, match="non-finite"):
        grpo.train(config, policy=policy, records=records, reward_fn=lambda p, c, **k: [1.0, math.nan])
    with pytest.raises(ValueError, match="group_size"):
        grpo.train(
            dataclasses.replace(config, group_size=1),
            policy=policy,
            records=records,
            reward_fn=lowercase_share,
        )


def test_format_reward_and_reward_loading():
    assert grpo.load_reward_fn("agents.grpo:format_reward") is grpo.format_reward
    completions = ["<thinking>t</thinking><solution>x = 1</solution>", "x = 1"]
    assert grpo.format_reward(["p", "p"], completions) == [1.0, 0.0]
    with pytest.raises(ValueError, match="module:function"):
        grpo.load_reward_fn("agents.grpo.format_reward")


def test_grpo_main_runs_end_to_end(tmp_path):
    model, tokenizer = tiny_model(seed=2)
    Policy(model, tokenizer, device="cpu").save(tmp_path / "tiny")
    data = tmp_path / "prompts.jsonl"
    data.write_text(json.dumps({"prompt": "Write code."}) + "\n")
    grpo.main(
        [
            "--model",
            str(tmp_path / "tiny"),
            "--data",
            str(data),
            "--output-dir",
            str(tmp_path / "run"),
            "--total-steps",
            "2",
            "--prompts-per-step",
            "1",
            "--group-size",
            "2",
            "--max-new-tokens",
            "3",
            "--device",
            "cpu",
            "--save-every",
            "1",
            "--sample-log-every",
            "1",
        ]
    )
    assert (tmp_path / "run" / "checkpoint-2" / "config.json").exists()
    assert (tmp_path / "run" / "final" / "config.json").exists()


@pytest.mark.parametrize("module", [sft, dpo, grpo])
def test_runs_are_named_as_cleanrl_names_them(module):
    """Runs of any algorithm, data or seed get folders of their own (they all wrote to runs/<algorithm>)."""
    name = module.__name__.rsplit(".", 1)[1]
    config = module.Config(data="data/pairs.jsonl", seed=7)
    assert re.fullmatch(rf"{name}__pairs__7__\d{{10}}", config.run_name)
    assert config.output_dir == f"runs/{config.run_name}"
    assert module.Config(data="data/pairs.jsonl", seed=8).output_dir != config.output_dir
    assert module.Config(run_name="mine").output_dir == "runs/mine"
    assert module.Config(output_dir="elsewhere").output_dir == "elsewhere"


def test_burner_train_names_its_run_after_the_suite():
    from agents.cli import suite_label

    assert suite_label("builtin") == "builtin"
    assert suite_label("/data/venus/test-00000.parquet") == "test-00000"
    assert suite_label("my data.jsonl") == "my-data"
