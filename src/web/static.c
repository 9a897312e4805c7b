/* static.c — the console's files from one folder (web/dist). The path is
 * checked segment by segment: no "..", no hidden files, no backslashes; an
 * unknown path without an extension gets index.html (the SPA's router), and
 * /portal/... gets the portal's page when the build has one. */
#include "web/http.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *mime(const char *path)
{
	const char *dot = strrchr(path, '.');
	static const char *map[][2] = {
		{".html", "text/html; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".json", "application/json"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".jpg", "image/jpeg"},
		{".ico", "image/x-icon"},
		{".woff2", "font/woff2"},
		{".woff", "font/woff"},
		{".ttf", "font/ttf"},
		{".txt", "text/plain; charset=utf-8"},
		{".md", "text/markdown; charset=utf-8"}, /* the user guides (/guide/...) */
		{".map", "application/json"},
		{".webp", "image/webp"},
	};
	for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(dot, map[i][0]))
			return map[i][1];
	return "application/octet-stream";
}

static int safe_path(const char *url)
{
	if (url[0] != '/' || strstr(url, "..") || strchr(url, '\\') || strstr(url, "/.") || strlen(url) > 512)
		return 0;
	return 1;
}

static int send_file(req *r, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	r->custom = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	r->status = 200;
	r->ctype = mime(path);
	return 0;
}

int static_serve(req *r, const char *root)
{
	const char *url = r->url;
	char path[1024];
	if (!safe_path(url)) {
		ctx_problem(&r->ctx, PROB_PAGE_NOT_FOUND, NULL);
		return reply_problem(r);
	}
	if (!strcmp(url, "/"))
		url = "/index.html";
	snprintf(path, sizeof path, "%s%s", root, url);
	if (send_file(r, path) == 0)
		return 200;
	const char *last = strrchr(url, '/');
	if (last && strchr(last, '.')) {
		ctx_problem(&r->ctx, PROB_PAGE_NOT_FOUND, NULL);
		return reply_problem(r);
	}
	if (!strncmp(url, "/portal", 7)) {
		snprintf(path, sizeof path, "%s/portal/index.html", root);
		if (send_file(r, path) == 0)
			return 200;
	}
	snprintf(path, sizeof path, "%s/index.html", root);
	if (send_file(r, path) == 0)
		return 200;
	return reply_text(
		r, 200, "text/html; charset=utf-8",
		"<!doctype html><meta charset=utf-8><title>质监 Zhijian</title><p>控制台尚未构建（make web）。The console is not built: run <code>make web</code>.</p>");
}
