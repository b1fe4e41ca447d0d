package dev.monitordash.example;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The example's own (toy) login: a user name in a cookie, so a person clicking around in a browser is a
 * user too. The dashboard has its own, real login.
 */
final class ExampleLogin extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String COOKIE = "example_user";

    static String userFromCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName()) && c.getValue().matches("[A-Za-z0-9_.-]{1,40}")) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in</title></head><body>
                <form method="post"><label>User name <input name="user" pattern="[A-Za-z0-9_.-]{1,40}" required></label>
                <button>Log in</button></form></body></html>
                """);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        if (user == null || !user.matches("[A-Za-z0-9_.-]{1,40}")) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "user name: 1-40 letters, digits, . _ -");
            return;
        }
        Cookie cookie = new Cookie(COOKIE, user);
        cookie.setHttpOnly(true);
        cookie.setPath(req.getContextPath().isEmpty() ? "/" : req.getContextPath());
        resp.addCookie(cookie);
        resp.sendRedirect(req.getContextPath() + "/");
    }
}
