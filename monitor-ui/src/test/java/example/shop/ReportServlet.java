package example.shop;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An application's servlet: its {@code doGet} is the entry point below the container's frames that the
 * profile page's "application frames only" view must start at. What it does is the test's.
 */
public final class ReportServlet extends HttpServlet {

    /** The request's work, run on the container's request thread. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final transient Work work;

    public ReportServlet(Work work) {
        this.work = work;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        try {
            work.run();
        } catch (Exception e) {
            throw new ServletException(e);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
