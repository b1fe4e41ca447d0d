package dev.monitordash.example.spring;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/** Owners and their pets, by path variables: MonitorDash names the endpoints by these route templates. */
@RestController
public class OwnerController {

    private static final Map<Integer, List<String>> PETS = Map.of(
            1, List.of("Leo", "Basil"),
            2, List.of("Rosy"),
            3, List.of("Jewel", "Iggy", "George"));

    @GetMapping("/owners/{ownerId}")
    public Map<String, Object> owner(@PathVariable int ownerId) {
        return Map.of("id", ownerId, "pets", pets(ownerId));
    }

    @GetMapping("/owners/{ownerId}/pets/{petId}")
    public Map<String, Object> pet(@PathVariable int ownerId, @PathVariable int petId) {
        List<String> pets = pets(ownerId);
        if (petId < 0 || petId >= pets.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no pet " + petId);
        }
        return Map.of("owner", ownerId, "id", petId, "name", pets.get(petId));
    }

    /** Slow on purpose (a visit history report): set its level to 2 in the dashboard to catch outliers. */
    @GetMapping("/owners/{ownerId}/visits")
    public Map<String, Object> visits(@PathVariable int ownerId) throws InterruptedException {
        Thread.sleep(50 + (long) (Math.random() * 100));
        return Map.of("owner", ownerId, "visits", pets(ownerId).size() * 2);
    }

    private static List<String> pets(int ownerId) {
        List<String> pets = PETS.get(ownerId);
        if (pets == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no owner " + ownerId);
        }
        return pets;
    }
}
