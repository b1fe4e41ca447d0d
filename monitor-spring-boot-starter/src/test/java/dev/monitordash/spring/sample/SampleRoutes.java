package dev.monitordash.spring.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Routes with path variables, as a Spring MVC application has them. */
@RestController
public class SampleRoutes {

    @GetMapping("/owners/{ownerId}")
    public String owner(@PathVariable int ownerId) {
        return "owner " + ownerId;
    }

    @GetMapping("/owners/{ownerId}/pets/{petId}")
    public String pet(@PathVariable int ownerId, @PathVariable int petId) {
        return "pet " + petId + " of owner " + ownerId;
    }

    @GetMapping("/admin/stats")
    public String stats() {
        return "stats";
    }

    /** Sleeps ?ms= in a method of its own, so that a captured stack can be recognised. */
    @GetMapping("/reports/{name}")
    public String report(@PathVariable String name, @RequestParam long ms) {
        sleepInReport(ms);
        return "report " + name;
    }

    @GetMapping("/exports/{name}")
    public String export(@PathVariable String name, @RequestParam long ms) {
        sleepInReport(ms);
        return "export " + name;
    }

    static void sleepInReport(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
