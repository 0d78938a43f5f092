# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# distutils: language = c++
"""transforms.quality's tokens and repetition shares in C++ loops, with a hash table instead of
numpy's sorts: the compiled route for the quality signals, measured by
bench/probe_repetition_routes.py (not used by refinery)."""

from libc.stdint cimport uint8_t, uint32_t, uint64_t, int64_t
from libcpp.vector cimport vector

cdef uint64_t MULT = 0x9E3779B97F4A7C15ULL
cdef uint8_t CJK = 2, WORD = 4


cdef inline uint8_t klass(const uint8_t* table, uint32_t code) noexcept nogil:
    if code <= 0xFFFF:
        return table[code]
    if 0x20000 <= code < 0x40000:
        return CJK
    return 0


cdef double share(int64_t part, int64_t whole):
    if whole == 0:
        return 0.0
    return round(<double>part / <double>whole, 4)


cdef int64_t covered(vector[int64_t]& starts, int n, vector[int64_t]& lengths):
    cdef Py_ssize_t m = lengths.size(), i
    cdef vector[int64_t] cover = vector[int64_t](m + 1, 0)
    for i in range(<Py_ssize_t>starts.size()):
        cover[starts[i]] += 1
        cover[starts[i] + n] -= 1
    cdef int64_t running = 0, chars = 0
    for i in range(m):
        running += cover[i]
        if running > 0:
            chars += lengths[i]
    return chars


cdef class Counts:
    """Occurrences of each 64-bit key: open addressing, linear probing."""
    cdef vector[uint64_t] slots
    cdef vector[int64_t] tally
    cdef vector[char] used
    cdef uint64_t mask

    cdef void count(self, vector[uint64_t]& keys):
        cdef Py_ssize_t size = 16, i
        while size < 2 * <Py_ssize_t>keys.size():
            size *= 2
        self.mask = size - 1
        self.slots.assign(size, 0)
        self.tally.assign(size, 0)
        self.used.assign(size, 0)
        cdef uint64_t at
        for i in range(<Py_ssize_t>keys.size()):
            at = (keys[i] * MULT) >> 20 & self.mask
            while self.used[at] and self.slots[at] != keys[i]:
                at = (at + 1) & self.mask
            self.used[at] = 1
            self.slots[at] = keys[i]
            self.tally[at] += 1

    cdef int64_t get(self, uint64_t key):
        cdef uint64_t at = (key * MULT) >> 20 & self.mask
        while self.used[at]:
            if self.slots[at] == key:
                return self.tally[at]
            at = (at + 1) & self.mask
        return 0


cdef void gram_keys(vector[uint64_t]& ids, int n, vector[uint64_t]& out):
    cdef Py_ssize_t count = <Py_ssize_t>ids.size() - n + 1, i
    cdef int offset
    cdef uint64_t key
    out.clear()
    for i in range(count):
        key = ids[i]
        for offset in range(1, n):
            key = key * MULT + ids[i + offset]
        out.push_back(key)


def repetition(str text, const uint8_t[:] table, int top_n, int dup_cjk, int dup_words):
    """(top_ngram_share, dup_ngram_share), as transforms.quality computes them."""
    cdef bytes data = text.encode("utf-32-le", "surrogatepass")
    cdef const uint32_t* codes = <const uint32_t*><const char*>data
    cdef Py_ssize_t length = len(data) // 4, i = 0, a
    cdef const uint8_t* tbl = &table[0]
    cdef vector[uint64_t] ids
    cdef vector[int64_t] lengths
    cdef int64_t cjk = 0
    cdef uint32_t code
    cdef uint8_t c
    numbering = {}
    while i < length:
        code = codes[i]
        c = klass(tbl, code)
        if c & CJK:
            ids.push_back(code)
            lengths.push_back(1)
            cjk += 1
            i += 1
        elif c & WORD:
            a = i
            while i < length and (klass(tbl, codes[i]) & (WORD | CJK)) == WORD:
                i += 1
            ids.push_back(<uint64_t>numbering.setdefault(text[a:i], 0x110000 + len(numbering)))
            lengths.push_back(i - a)
        else:
            i += 1
    cdef int64_t total = 0
    for i in range(<Py_ssize_t>lengths.size()):
        total += lengths[i]
    cdef int dup_n = dup_cjk if cjk * 2 >= <int64_t>ids.size() else dup_words
    cdef vector[uint64_t] keys
    cdef vector[int64_t] starts
    cdef double top_share = 0.0, dup_share = 0.0
    cdef Py_ssize_t j, best_count = 0
    cdef uint64_t best_key = 0
    cdef Counts counts = Counts()
    if <int>ids.size() >= top_n:
        gram_keys(ids, top_n, keys)
        counts.count(keys)
        for j in range(<Py_ssize_t>counts.slots.size()):
            if counts.used[j] and (
                counts.tally[j] > best_count or (counts.tally[j] == best_count and counts.slots[j] < best_key)
            ):  # ties: the smallest key, as numpy's unique + argmax
                best_count, best_key = counts.tally[j], counts.slots[j]
        if best_count >= 2:
            for j in range(<Py_ssize_t>keys.size()):
                if keys[j] == best_key:
                    starts.push_back(j)
            top_share = share(covered(starts, top_n, lengths), total)
    if <int>ids.size() >= dup_n:
        gram_keys(ids, dup_n, keys)
        counts.count(keys)
        starts.clear()
        for j in range(<Py_ssize_t>keys.size()):
            if counts.get(keys[j]) > 1:
                starts.push_back(j)
        dup_share = share(covered(starts, dup_n, lengths), total)
    return top_share, dup_share
