// Linux calls that Swift's Glibc module does not export (epoll, eventfd, accept4).
// Thin wrappers also keep the packed `struct epoll_event` out of Swift.
#ifndef CSYSTEM_H
#define CSYSTEM_H
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <malloc.h>

static const uint32_t csystem_epollin = EPOLLIN;
static const uint32_t csystem_epollout = EPOLLOUT;
static const uint32_t csystem_epollrdhup = EPOLLRDHUP;
static const uint32_t csystem_epollhup = EPOLLHUP;
static const uint32_t csystem_epollerr = EPOLLERR;
static const uint32_t csystem_epollexclusive = EPOLLEXCLUSIVE;

static inline int csystem_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static inline int csystem_epoll_ctl(int epoll, int op, int fd, uint32_t events) {
    struct epoll_event event = { .events = events, .data = { .fd = fd } };
    return epoll_ctl(epoll, op, fd, &event);
}
static inline int csystem_epoll_add(int epoll, int fd, uint32_t events) { return csystem_epoll_ctl(epoll, EPOLL_CTL_ADD, fd, events); }
static inline int csystem_epoll_mod(int epoll, int fd, uint32_t events) { return csystem_epoll_ctl(epoll, EPOLL_CTL_MOD, fd, events); }
static inline int csystem_epoll_del(int epoll, int fd) { return epoll_ctl(epoll, EPOLL_CTL_DEL, fd, 0); }

/// Waits; fills parallel arrays of descriptors and event masks. Returns the count or -1.
static inline int csystem_epoll_wait(int epoll, int *fds, uint32_t *masks, int capacity, int timeout) {
    struct epoll_event events[128];
    if (capacity > 128) capacity = 128;
    int count = epoll_wait(epoll, events, capacity, timeout);
    for (int i = 0; i < count; i++) { fds[i] = events[i].data.fd; masks[i] = events[i].events; }
    return count;
}

static inline int csystem_eventfd(void) { return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }
/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (in CSystem.c: it needs _GNU_SOURCE, which
/// must not leak into this header or Swift sees two different definitions of libc types).
int csystem_accept(int fd);

/// Keeps freed heap instead of trimming it back to the kernel at once (see Allocator.swift).
static inline void csystem_keep_heap_warm(void) {
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
}
/// Hands free heap pages back to the kernel, in every arena (see Allocator.swift).
static inline void csystem_release_free_memory(void) { malloc_trim(0); }
#endif
