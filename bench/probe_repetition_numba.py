"""The quality signals' token and repetition work (transforms.quality._tokens and
repetition_shares) as numba kernels: route 4 of bench/probe_repetition_routes.py.

Same results as the numpy code: word runs are numbered by first appearance (a hash table of the
runs, each match checked code point by code point), n-gram keys are the same 64-bit polynomial,
and the counts come from an open-addressing table instead of a sort (ties for the most frequent
n-gram still go to the smallest key). Compiled on first use and cached on disk next to this file.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.typed import Dict

CJK_BIT, WORD_BIT = 2, 4  # transforms.quality's class bits
FIRST_WORD_ID = 0x110000
KEY_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@njit(cache=True, nogil=True)
def tokens(codes: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and character lengths, as quality._tokens."""
    size = len(codes)
    ids = np.empty(size, np.uint64)
    lengths = np.empty(size, np.int64)
    slots = Dict.empty(key_type=types.uint64, value_type=types.int64)
    run_starts = np.empty(size, np.int64)
    run_lengths = np.empty(size, np.int64)
    runs = count = at = 0
    while at < size:
        if classes[at] & CJK_BIT:
            ids[count], lengths[count] = codes[at], 1
            count += 1
            at += 1
        elif classes[at] & WORD_BIT:
            end = at
            key = np.uint64(1469598103934665603)  # FNV-1a over the run's code points
            while end < size and classes[end] & WORD_BIT:
                key = (key ^ np.uint64(codes[end])) * np.uint64(1099511628211)
                end += 1
            while True:
                if key not in slots:
                    slots[key] = runs
                    run_starts[runs], run_lengths[runs] = at, end - at
                    slot = runs
                    runs += 1
                    break
                slot = slots[key]
                same = run_lengths[slot] == end - at
                for offset in range(end - at if same else 0):
                    if codes[run_starts[slot] + offset] != codes[at + offset]:
                        same = False
                        break
                if same:
                    break
                key = key * np.uint64(31) + np.uint64(1)  # another run with this hash: probe on
            ids[count], lengths[count] = FIRST_WORD_ID + slot, end - at
            count += 1
            at = end
        else:
            at += 1
    return ids[:count], lengths[:count]


@njit(cache=True, nogil=True)
def _gram_keys(ids: np.ndarray, n: int) -> np.ndarray:
    count = len(ids) - n + 1
    keys = ids[:count].copy()
    for offset in range(1, n):
        for index in range(count):
            keys[index] = keys[index] * KEY_MULTIPLIER + ids[offset + index]
    return keys


@njit(cache=True, nogil=True)
def _mix(key: np.uint64) -> np.uint64:
    key = (key ^ (key >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    key = (key ^ (key >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return key ^ (key >> np.uint64(31))


@njit(cache=True, nogil=True)
def _count(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each slot's key and count, and each key's slot."""
    size = 2
    while size < 2 * len(keys):
        size <<= 1
    slot_keys = np.zeros(size, np.uint64)
    counts = np.zeros(size, np.int64)
    where = np.empty(len(keys), np.int64)
    for index in range(len(keys)):
        key = keys[index]
        slot = np.int64(_mix(key) & np.uint64(size - 1))
        while counts[slot] != 0 and slot_keys[slot] != key:
            slot = (slot + 1) & (size - 1)
        slot_keys[slot] = key
        counts[slot] += 1
        where[index] = slot
    return slot_keys, counts, where


@njit(cache=True, nogil=True)
def _covered(starts: np.ndarray, n: int, lengths: np.ndarray) -> int:
    """Characters of the tokens that the n-grams starting where `starts` is set cover."""
    total, until = 0, -1
    for index in range(len(lengths)):
        if index < len(starts) and starts[index]:
            until = max(until, index + n)
        if index < until:
            total += lengths[index]
    return total


@njit(cache=True, nogil=True)
def repetition_chars(ids: np.ndarray, lengths: np.ndarray, top_n: int, dup_n: int) -> tuple[int, int]:
    """Characters covered by the most frequent top_n-gram (0 when none repeats) and by the
    dup_n-grams that occur more than once."""
    top = dup = 0
    if len(ids) >= top_n:
        slot_keys, counts, where = _count(_gram_keys(ids, top_n))
        best, best_slot = 0, -1
        for slot in range(len(counts)):
            found = counts[slot]
            if found > best or (found == best and found > 0 and slot_keys[slot] < slot_keys[best_slot]):
                best, best_slot = found, slot
        if best >= 2:
            top = _covered(where == best_slot, top_n, lengths)
    if len(ids) >= dup_n:
        _, counts, where = _count(_gram_keys(ids, dup_n))
        repeated = np.empty(len(where), np.bool_)
        for index in range(len(where)):
            repeated[index] = counts[where[index]] > 1
        dup = _covered(repeated, dup_n, lengths)
    return top, dup
