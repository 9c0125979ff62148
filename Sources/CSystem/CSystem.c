#define _GNU_SOURCE
#include <sys/socket.h>
#include "CSystem.h"

int csystem_accept(int fd) { return accept4(fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC); }
