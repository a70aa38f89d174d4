"""A small pure-PyTorch LoRA (Hu et al., 2021) for ``nn.Linear`` layers.

Full fine-tuning is the default for the 135M model; LoRA lets a user fit a larger model on one GPU.
``W x`` becomes ``W x + (alpha / rank) · B A x`` with ``W`` frozen, ``A`` random and ``B`` zero, so a
freshly wrapped model computes exactly what the original did. Two properties the trainers rely on:

- with the adapters switched off (:func:`lora_disabled`) the model *is* the frozen base model, so DPO and
  GRPO get their reference policy without a second copy of the weights;
- :func:`merged_state_dict` folds ``B A`` into ``W`` under the original parameter names, so a checkpoint
  is a plain Hugging Face model that loads without this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import torch
from torch import nn

DEFAULT_TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


class LoRALinear(nn.Module):
    """An ``nn.Linear`` plus a trainable low-rank update; the wrapped layer is frozen."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float = 0.0) -> None:
        super().__init__()
        if rank <= 0:
            raise ValueError(f"LoRA rank must be positive, got {rank}")
        self.base = base.requires_grad_(False)
        factory = {"device": base.weight.device, "dtype": base.weight.dtype}
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features, **factory))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank, **factory))
        # The same initialisation as nn.Linear for A; B = 0 makes the update start at exactly zero.
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.scaling = alpha / rank
        self.dropout = nn.Dropout(dropout)
        self.enabled = True

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output = self.base(x)
        if self.enabled:
            output = output + (self.dropout(x) @ self.lora_a.T @ self.lora_b.T) * self.scaling
        return output

    def merged_weight(self) -> torch.Tensor:
        """The weight of an ``nn.Linear`` equivalent to this layer with the adapter on."""
        return self.base.weight + self.scaling * (self.lora_b @ self.lora_a)


def apply_lora(
    model: nn.Module,
    rank: int,
    alpha: float,
    target_modules: Iterable[str] = DEFAULT_TARGET_MODULES,
    dropout: float = 0.0,
) -> int:
    """Freeze ``model`` and wrap every ``nn.Linear`` whose attribute name is in ``target_modules``.

    Returns how many layers were wrapped; raises if none matched, since training would then update
    nothing at all.
    """
    targets = set(target_modules)
    model.requires_grad_(False)
    matches = [
        (parent, name, child)
        for parent in model.modules()
        for name, child in parent.named_children()
        if name in targets and isinstance(child, nn.Linear)
    ]
    if not matches:
        raise ValueError(f"no nn.Linear named any of {sorted(targets)} in {type(model).__name__}")
    for parent, name, child in matches:
        setattr(parent, name, LoRALinear(child, rank, alpha, dropout))
    return len(matches)


def has_lora(model: nn.Module) -> bool:
    """Whether ``apply_lora`` has wrapped any layer of ``model``."""
    return any(isinstance(module, LoRALinear) for module in model.modules())


@contextmanager
def lora_disabled(model: nn.Module) -> Iterator[None]:
    """Run ``model`` as its frozen base model (adapters off) inside the ``with`` block."""
    adapters = [module for module in model.modules() if isinstance(module, LoRALinear)]
    previous = [adapter.enabled for adapter in adapters]
    for adapter in adapters:
        adapter.enabled = False
    try:
        yield
    finally:
        for adapter, enabled in zip(adapters, previous):
            adapter.enabled = enabled


@torch.no_grad()
def merged_state_dict(model: nn.Module) -> dict[str, torch.Tensor]:
    """``model``'s state dict with every adapter folded into its base weight, under the original names."""
    state = dict(model.state_dict())
    for prefix, module in model.named_modules():
        if not isinstance(module, LoRALinear):
            continue
        for key in [key for key in state if key.startswith(f"{prefix}.")]:
            del state[key]
        state[f"{prefix}.weight"] = module.merged_weight().detach().clone()
        if module.base.bias is not None:
            state[f"{prefix}.bias"] = module.base.bias.detach().clone()
    return state
