require "minitest/autorun"
require "capistrano/rationale/rules"
require "capistrano/rationale/ssh_options"

class RulesTest < Minitest::Test
  R = Capistrano::Rationale::Rules

  def test_check_explains_what_is_wrong
    assert_nil R.check("INC-1 fix login", 5, "[A-Z]+-[0-9]+")
    assert_equal "a rationale is required", R.check("  ")
    assert_equal "a rationale needs at least 8 characters (got 3)", R.check("abc", 8)
    assert_match(/must match \[A-Z\]\+-\[0-9\]\+/, R.check("no ticket", 1, "[A-Z]+-[0-9]+"))
    assert_nil R.check("ééé", 3) # characters, not bytes
  end

  def test_choose_environment_then_setting
    assert_equal ["from env", "environment"], R.choose("from env", "from set")
    assert_equal ["from set", "setting"], R.choose(" ", "from set")
    assert_equal [nil, nil], R.choose(nil, nil)
  end

  def test_render_with_stage_and_tasks
    assert_equal "deploy production: INC-1 fix", R.render("%{tasks} %{stage}: %{rationale}", rationale: " INC-1 fix\n", stage: :production, tasks: ["deploy"])
    assert_equal "INC-1", R.render("%{rationale}", rationale: "INC-1", stage: :x, tasks: [])
  end

  def test_render_rejects_unknown_keys
    assert_raises(KeyError) { R.render("%{ticket}", rationale: "x", stage: :s, tasks: []) }
  end

  def test_revision_is_added_once
    once = R.with_revision("deploy local: x", "0123456789abcdef0123")
    assert_equal "deploy local: x (revision 0123456789ab)", once
    assert_equal once, R.with_revision(once, "fedcba")
    assert_equal "x", R.with_revision("x", nil)
  end

  def test_tasks_of_run
    assert_equal ["deploy"], R.tasks_of_run(%w[production deploy], :production)
    assert_equal ["default"], R.tasks_of_run(%w[production], "production")
  end
end

class SshOptionsTest < Minitest::Test
  S = Capistrano::Rationale::SshOptions

  def test_adds_to_what_is_there_and_replaces_nothing
    given = { keys: ["k"], send_env: [/\ALANG\z/], port: 2222 }
    out = S.with_send_env(given, ["LC_*"])
    assert_equal ["k"], out[:keys]
    assert_equal 2222, out[:port]
    assert_equal [/\ALANG\z/, "LC_*", /\ARATIONALE\z/, /\ARATIONALE_CLIENT\z/], out[:send_env]
    assert_equal [/\ALANG\z/], given[:send_env], "the input is not modified"
    assert_equal out, S.with_send_env(out), "idempotent"
  end

  def test_patterns_are_anchored
    re = S::SEND_ENV.first
    assert_match re, "RATIONALE"
    refute_match re, "RATIONALE_OTHER"
    refute_match re, "MY_RATIONALE"
  end

  def test_nil_options
    assert_equal({ send_env: S::SEND_ENV }, S.with_send_env(nil))
  end
end
