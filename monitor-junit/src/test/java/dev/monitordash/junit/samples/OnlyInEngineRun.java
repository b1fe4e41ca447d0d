package dev.monitordash.junit.samples;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The samples run only inside the tests that run them ({@code EngineRun} sets {@link #PARAMETER}); a build
 * that selects every class (e.g. {@code -Dtest='!…'}) skips them instead of running a suite made to fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyInEngineRun.Condition.class)
public @interface OnlyInEngineRun {

    String PARAMETER = "monitordash.samples";

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).filter("run"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run by a test of the extension")
                    : ConditionEvaluationResult.disabled("a sample suite of monitor-junit's tests");
        }
    }
}
